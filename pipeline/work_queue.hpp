#pragma once
// The two synchronisation pieces the orchestrator needs: a closable queue of
// tasks and a counting semaphore bounding how much work is in flight.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <semaphore>

namespace sohoa::pipeline {

template <typename T> class WorkQueue {
public:
  void push(T item) {
    {
      std::lock_guard lock(m_mutex);
      m_items.push_back(std::move(item));
    }
    m_ready.notify_one();
  }
  // Blocks until an item or close(); nullopt once closed and drained.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [this] { return !m_items.empty() || m_closed; });
    if (m_items.empty()) {
      return std::nullopt;
    }
    T item = std::move(m_items.front());
    m_items.pop_front();
    return item;
  }
  void close() {
    {
      std::lock_guard lock(m_mutex);
      m_closed = true;
    }
    m_ready.notify_all();
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<T> m_items;
  bool m_closed = false;
};

// Bounds the work in flight: acquire() waits for a free slot, release() frees one.
using Slots = std::counting_semaphore<>;

} // namespace sohoa::pipeline
