#pragma once
// Page images encoded for the PDF on threads of their own, so that a dossier's
// records need not wait for them: a page is handed over as soon as it is cleaned,
// its encoding overlaps the OCR of that page and of the others, and the PDF writer
// waits for the result (ProcessedPage::encoding). The threads share the cores with
// the readers at the same priority: run at niceness +5 (yielding to the readers)
// they finished 1.8-2.1 s after the records under load, at the same niceness 0.1 s
// after them, for records only a little later (README.md, "Measured").
#include "sohoa/pipeline/document.hpp"
#include "sohoa/pipeline/warm_pipeline_spans.hpp"
#include "work_queue.hpp"
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace sohoa::pipeline {

class PageEncoder {
public:
  // `threads` (at least one) encode side by side; spans get one "encode" span per page.
  PageEncoder(pdf::ImageMode mode, pdf::MrcEffort effort, int threads, SpanRecorder& spans);
  // Encodes what was handed over and not yet done, then stops.
  ~PageEncoder();
  PageEncoder(const PageEncoder&) = delete;
  PageEncoder& operator=(const PageEncoder&) = delete;

  // Queues page's archival image (with the paper grain smoothing its cleanup
  // deferred); page keeps a future for it and the image's size. The pixels stay
  // with page too (reading may turn the page: then start it again, and the first
  // encoding is dropped); let go of them once read.
  void start(ProcessedPage& page, const std::string& document, int page_number);

private:
  using Task = std::packaged_task<std::shared_ptr<const pdf::EncodedPageImage>()>;
  pdf::ImageMode m_mode;
  pdf::MrcEffort m_effort;
  SpanRecorder& m_spans;
  WorkQueue<Task> m_tasks;
  std::vector<std::thread> m_threads;
};

} // namespace sohoa::pipeline
