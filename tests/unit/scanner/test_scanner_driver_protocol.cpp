// The pipe between `sohoa scan` and its scanner driver process.
#include "driver_protocol.hpp"
#include "sohoa/core/error.hpp"
#include "sohoa/scanner/sane_scanner.hpp"
#include <csignal>
#include <cstdint>
#include <doctest/doctest.h>
#include <opencv2/core.hpp>
#include <unistd.h>

using namespace sohoa::scan;

namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    read_end = ends[0];
    write_end = ends[1];
  }
  ~Pipe() {
    close_write();
    if (read_end >= 0) {
      ::close(read_end);
    }
  }
  void close_write() {
    if (write_end >= 0) {
      ::close(write_end);
      write_end = -1;
    }
  }
};

} // namespace

TEST_CASE("a page, an error and the end arrive as they were sent") {
  Pipe pipe;
  cv::Mat page(7, 5, CV_8UC3);
  cv::randu(page, 0, 255);
  REQUIRE(driver::write_page(pipe.write_end, page));
  REQUIRE(driver::write_error(pipe.write_end, "scanner_jammed", "paper jam", 2));
  REQUIRE(driver::write_end(pipe.write_end));
  pipe.close_write();

  const auto first = driver::read_message(pipe.read_end);
  REQUIRE(first);
  CHECK(first->kind == driver::Message::Kind::page);
  REQUIRE(first->pixels.size() == page.size());
  CHECK(first->pixels.type() == CV_8UC3);
  CHECK(cv::norm(first->pixels, page, cv::NORM_INF) == 0);

  const auto second = driver::read_message(pipe.read_end);
  REQUIRE(second);
  CHECK(second->kind == driver::Message::Kind::error);
  CHECK(second->code == "scanner_jammed");
  CHECK(second->text == "paper jam");
  CHECK(second->page == 2);

  const auto third = driver::read_message(pipe.read_end);
  REQUIRE(third);
  CHECK(third->kind == driver::Message::Kind::end);
  CHECK_FALSE(driver::read_message(pipe.read_end)); // the pipe's end
}

TEST_CASE("a page cut short by a driver that died is an error, not a page") {
  Pipe pipe;
  const char kind = 'P';
  const std::int32_t header[3] = {100, 100, 1};
  REQUIRE(::write(pipe.write_end, &kind, 1) == 1);
  REQUIRE(::write(pipe.write_end, header, sizeof header) == sizeof header);
  REQUIRE(::write(pipe.write_end, "abc", 3) == 3);
  pipe.close_write();
  CHECK_THROWS_AS(driver::read_message(pipe.read_end), sohoa::Error);
}

TEST_CASE("a page header out of bounds is refused before anything is allocated") {
  Pipe pipe;
  const char kind = 'P';
  const std::int32_t header[3] = {1 << 30, 10, 1};
  REQUIRE(::write(pipe.write_end, &kind, 1) == 1);
  REQUIRE(::write(pipe.write_end, header, sizeof header) == sizeof header);
  pipe.close_write();
  CHECK_THROWS_AS(driver::read_message(pipe.read_end), sohoa::Error);
}

TEST_CASE("a write to a parent gone away fails without killing the driver") {
  std::signal(SIGPIPE, SIG_IGN); // as run_scan_driver does
  Pipe pipe;
  ::close(pipe.read_end);
  pipe.read_end = -1;
  CHECK_FALSE(driver::write_end(pipe.write_end));
}

TEST_CASE("the scan settings survive the trip to the driver's command line") {
  ScanSettings settings;
  settings.device = "genesys:libusb:001:004";
  settings.source = Source::flatbed;
  settings.dpi = 400;
  settings.colour = false;
  settings.extra_options = {{"test-picture", "Solid white"}, {"read-delay", "yes"}};
  const ScanSettings back = settings_from_json(settings_to_json(settings));
  CHECK(back.device == settings.device);
  CHECK(back.source == Source::flatbed);
  CHECK(back.dpi == 400);
  CHECK_FALSE(back.colour);
  CHECK(back.extra_options == settings.extra_options);
}
