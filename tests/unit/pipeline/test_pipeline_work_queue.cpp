// The queue and the slots `run --jobs N` feeds its page workers through: order, one
// task failing among others, shutdown; and how a failing page task is recorded.
#include "sohoa/core/error.hpp"
#include "pipeline/exit_code.hpp"
#include "pipeline/task_errors.hpp"
#include "pipeline/work_queue.hpp"
#include <doctest/doctest.h>
#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace sohoa::pipeline;
using sohoa::Stage;

TEST_CASE("one worker takes the tasks in the order they were queued") {
  WorkQueue<int> queue;
  for (int i = 0; i < 5; ++i) {
    queue.push(i);
  }
  queue.close();
  std::vector<int> taken;
  while (auto task = queue.pop()) {
    taken.push_back(*task);
  }
  CHECK(taken == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("closing lets the workers drain what is queued, then stops them") {
  WorkQueue<int> queue;
  queue.push(7);
  queue.close();
  CHECK(queue.pop() == 7);              // queued before close: still done
  CHECK_FALSE(queue.pop().has_value()); // then the end
  CHECK_FALSE(queue.pop().has_value()); // and it stays ended
}

TEST_CASE("workers waiting on an empty queue are all released by close") {
  WorkQueue<int> queue;
  std::atomic<int> ended{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; ++i) {
    workers.emplace_back([&] {
      while (queue.pop()) {
      }
      ++ended;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(ended == 0); // blocked, not spinning out
  queue.close();
  for (auto& t : workers) {
    t.join();
  }
  CHECK(ended == 3);
}

TEST_CASE("several workers take every task exactly once, one failing task aside") {
  WorkQueue<int> queue;
  constexpr int k_tasks = 200;
  constexpr int k_failing = 57;
  std::mutex mutex;
  std::multiset<int> done;
  std::vector<ErrorInfo> errors;
  auto worker = [&] {
    while (auto task = queue.pop()) {
      try {
        if (*task == k_failing) {
          throw std::runtime_error("simulated failure");
        }
        std::lock_guard lock(mutex);
        done.insert(*task);
      } catch (...) {
        ErrorInfo error = page_task_error(std::current_exception(), "scan.tif", *task);
        std::lock_guard lock(mutex);
        errors.push_back(std::move(error));
      }
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i) {
    workers.emplace_back(worker);
  }
  for (int i = 0; i < k_tasks; ++i) {
    queue.push(i);
  }
  queue.close();
  for (auto& t : workers) {
    t.join();
  }
  CHECK(done.size() == k_tasks - 1);
  CHECK(std::set<int>(done.begin(), done.end()).size() == done.size()); // none twice
  CHECK(done.count(k_failing) == 0);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].stage == Stage::pipeline);
  CHECK(errors[0].code == "internal_error");
  CHECK(errors[0].file == "scan.tif");
  CHECK(errors[0].page == k_failing);
}

TEST_CASE("slots bound the work in flight") {
  Slots slots(2);
  std::atomic<int> in_flight{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      slots.acquire();
      const int now = ++in_flight;
      int seen = most;
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      --in_flight;
      slots.release();
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  CHECK(most >= 1);
  CHECK(most <= 2);
}

TEST_CASE("an error out of a page task names the page's file and page") {
  const auto thrown = [](auto make) {
    try {
      make();
    } catch (...) {
      return std::current_exception();
    }
    return std::exception_ptr{};
  };
  // OCR knows no file: the orchestrator names it.
  ErrorInfo e = page_task_error(
      thrown([] { throw sohoa::Error(Stage::ocr, "tesseract_failed", "Tesseract gave up"); }),
      "p2.tif", 3);
  CHECK(e.stage == Stage::ocr);
  CHECK(e.code == "tesseract_failed");
  CHECK(e.file == "p2.tif");
  CHECK(e.page == 3);
  // A decoder's own file and page are kept.
  e = page_task_error(thrown([] {
                        throw sohoa::Error(Stage::ingest, "corrupt_image", "bad strip", "inner.tif",
                                           5);
                      }),
                      "p2.tif", 3);
  CHECK(e.file == "inner.tif");
  CHECK(e.page == 5);
  // Not a sohoa::Error, not even an exception: still a recorded internal error.
  e = page_task_error(thrown([] { throw 42; }), "p1.png", 1);
  CHECK(e.stage == Stage::pipeline);
  CHECK(e.code == "internal_error");
  CHECK(e.file == "p1.png");
  CHECK(task_error(thrown([] { throw std::logic_error("oops"); })).message == "oops");
}

TEST_CASE("run's exit code comes from how the batch ended") {
  CHECK(run_exit_code({}) == 0);
  CHECK(run_exit_code({false, true, false}) == 1);
  CHECK(run_exit_code({false, false, true}) == 1); // no report: not a success
  CHECK(run_exit_code({true, true, true}) == 3);   // the signer stop wins
  CHECK(run_exit_code({true, false, false}) == 3);
}
