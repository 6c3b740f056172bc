# ingest tests
