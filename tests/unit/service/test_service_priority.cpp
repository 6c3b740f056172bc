#include "sohoa/pipeline/counter_priority.hpp"
#include "support/scratch.hpp"
#include <atomic>
#include <chrono>
#include <doctest/doctest.h>
#include <thread>

using namespace std::chrono_literals;

TEST_CASE("a batch worker waits while a counter dossier is in progress, then goes on") {
  sohoa::test::ScratchDir dir("priority");
  const auto lock = dir / "priority.lock";
  std::atomic<bool> passed{false};
  std::thread worker;
  {
    const sohoa::pipeline::CounterTurn counter(lock);
    worker = std::thread([&] {
      sohoa::pipeline::yield_to_counter(lock);
      passed = true;
    });
    std::this_thread::sleep_for(300ms);
    CHECK_FALSE(passed.load()); // still held back
    {
      const sohoa::pipeline::CounterTurn second_counter(lock); // counters never wait
    }
    CHECK_FALSE(passed.load());
  }
  worker.join();
  CHECK(passed.load());
}

TEST_CASE("without a counter, or without a usable lock file, a batch worker does not wait") {
  sohoa::test::ScratchDir dir("priority-free");
  sohoa::pipeline::yield_to_counter(dir / "priority.lock");
  sohoa::pipeline::yield_to_counter(dir / "no-such-folder" / "priority.lock");
  const sohoa::pipeline::CounterTurn counter(dir / "no-such-folder" / "priority.lock");
  sohoa::pipeline::yield_to_counter(dir / "priority.lock");
  // Reaching the end is the test: a call that blocked would hang the case (CTest timeout).
}
