# PDF/A writer tests
