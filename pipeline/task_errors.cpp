#include "task_errors.hpp"

namespace sohoa::pipeline {

ErrorInfo task_error(std::exception_ptr thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const Error& e) {
    return to_error_info(e);
  } catch (const std::exception& e) {
    return {Stage::pipeline, "internal_error", e.what(), "", 0};
  } catch (...) {
    return {Stage::pipeline, "internal_error", "an unknown exception", "", 0};
  }
}

ErrorInfo page_task_error(std::exception_ptr thrown, const std::string& source, int source_page) {
  ErrorInfo error = task_error(std::move(thrown));
  if (error.file.empty()) {
    error.file = source;
    error.page = source_page;
  } else if (error.page == 0 && error.file == source) {
    error.page = source_page;
  }
  return error;
}

} // namespace sohoa::pipeline
