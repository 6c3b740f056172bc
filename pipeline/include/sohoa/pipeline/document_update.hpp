#pragma once
// A document's outputs brought in line with a record a person corrected: the record
// file rewritten and the PDF rebuilt from its own stored page images and OCR words,
// so its XMP (and a PDF/A-3's embedded record) says what the record says.
#include "sohoa/pipeline/document.hpp"
#include <string>
#include <vector>

namespace sohoa::pipeline {

struct Reviewer {
  std::string who;
  std::string at; // ISO 8601 with offset
};

// Rewrites <out>/<dossier.id>/<document_id>.json and .pdf (unsigned: a signature
// would not cover the change; the caller signs afterwards). outcome names the
// document and carries its inputs and result code. Returns the new digests of the
// PDF, the record and the ALTO file, in the order write_document lists them.
// Throws sohoa::Error; the files stay as they were when it does.
std::vector<FileDigest> rewrite_document(const RunContext& context, const DossierInput& dossier,
                                         const DocumentRecord& record,
                                         const DocumentOutcome& outcome, const Reviewer& reviewer);

} // namespace sohoa::pipeline
