#pragma once
// `sohoa reprocess OUT`: re-run classification, extraction and validation from
// the stored OCR words (<document_id>.alto.xml) without OCR, rebuild a PDF only
// where its content changes, and add a new signature with --resign.
#include "pipeline/logger.hpp"
#include "pipeline/run_config.hpp"

namespace sohoa::pipeline {

int run_reprocess(const ReprocessConfig& config, Logger& log);

} // namespace sohoa::pipeline
