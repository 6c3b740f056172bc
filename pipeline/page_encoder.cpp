#include "page_encoder.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include <algorithm>

namespace sohoa::pipeline {

PageEncoder::PageEncoder(pdf::ImageMode mode, pdf::MrcEffort effort, int threads,
                         SpanRecorder& spans)
    : m_mode(mode), m_effort(effort), m_spans(spans) {
  for (int i = 0; i < std::max(1, threads); ++i) {
    m_threads.emplace_back([this] {
      while (auto task = m_tasks.pop()) {
        (*task)(); // an exception is kept in the future, for the PDF writer
      }
    });
  }
}

PageEncoder::~PageEncoder() {
  m_tasks.close();
  for (auto& thread : m_threads) {
    thread.join();
  }
}

void PageEncoder::start(ProcessedPage& page, const std::string& document, int page_number) {
  if (page.encoded || page.clean.archival.empty()) {
    return;
  }
  CleanPage image = page.clean;
  image.ocr_image = cv::Mat(); // the reader's, not the PDF's
  Task task([this, clean = std::move(image), document, page_number]() mutable {
    const SpanRecorder::Scope span(m_spans, "encode", document, page_number);
    if (clean.paper_grain_pending_at) {
      const SpanRecorder::Scope grain(m_spans, "grain", document, page_number);
      imaging::smooth_deferred_paper_grain(clean);
    }
    return encode_archival(clean.archival, clean.kind, clean.dpi, m_mode, m_effort);
  });
  page.encoding = task.get_future().share();
  page.encoding_size = page.clean.archival.size();
  m_tasks.push(std::move(task));
}

} // namespace sohoa::pipeline
