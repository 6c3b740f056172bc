#pragma once
// The pages of one dossier waiting for an engine: filled by the thread that
// decodes (or scans) them, emptied by one reader thread per engine.
#include "sohoa/core/page.hpp"
#include "sohoa/pipeline/document.hpp"
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace sohoa::pipeline {

// Where a page's reading goes: its document's slot for that page.
struct PageResult {
  ProcessedPage page;
  std::optional<ErrorInfo> error;
};

// One document's page slots, in page order.
struct DocumentPages {
  std::deque<PageResult> pages;
};

struct QueuedPage {
  RasterPage raster;
  std::string document;
  int page = 0;                 // page of the document, from 1
  PageResult* result = nullptr; // stays valid: slots live in a deque only appended to
};

class PageQueue {
public:
  void push(QueuedPage page);
  // No more pages: readers stop once the queue is empty.
  void close();
  // Drops what waits and stops the readers (the producer failed).
  void abandon();
  // The next page, waiting for one; nullopt once closed and empty, or abandoned.
  std::optional<QueuedPage> pop();

private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<QueuedPage> m_pages;
  bool m_closed = false;
};

} // namespace sohoa::pipeline
