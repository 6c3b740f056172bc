#include "page_encoder.hpp"
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
  Task task([this, image = page.clean.archival, kind = page.clean.kind, dpi = page.clean.dpi,
             document, page_number] {
    const SpanRecorder::Scope span(m_spans, "encode", document, page_number);
    return encode_archival(image, kind, dpi, m_mode, m_effort);
  });
  page.encoding = task.get_future().share();
  page.encoding_size = page.clean.archival.size();
  page.clean.archival.release();
  m_tasks.push(std::move(task));
}

} // namespace sohoa::pipeline
