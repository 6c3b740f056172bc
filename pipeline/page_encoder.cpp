#include "page_encoder.hpp"
#include "sohoa/imaging/cleanup.hpp"
#include <algorithm>
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>

namespace sohoa::pipeline {

namespace {

// This thread's niceness raised by k_encoder_niceness (a thread's own, on Linux);
// left as it is when the system refuses.
void lower_priority() {
  const auto thread = static_cast<id_t>(gettid());
  errno = 0;
  const int current = getpriority(PRIO_PROCESS, thread);
  if (errno == 0) {
    setpriority(PRIO_PROCESS, thread, std::min(19, current + k_encoder_niceness));
  }
}

} // namespace

PageEncoder::PageEncoder(pdf::ImageMode mode, pdf::MrcEffort effort, int threads,
                         SpanRecorder& spans)
    : m_mode(mode), m_effort(effort), m_spans(spans) {
  for (int i = 0; i < std::max(1, threads); ++i) {
    m_threads.emplace_back([this] {
      lower_priority();
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
