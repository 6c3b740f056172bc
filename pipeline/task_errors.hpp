#pragma once
// What the orchestrator records when a task throws, in one place: whatever was thrown
// becomes an ErrorInfo, and an error out of a page task names the page's file and
// page even when its thrower (OCR, cleanup, an internal failure) did not know them.
#include "sohoa/pipeline/document.hpp"
#include <exception>
#include <string>

namespace sohoa::pipeline {

// The error of the task that threw `thrown`: a sohoa::Error as it is, anything else as
// pipeline/internal_error.
ErrorInfo task_error(std::exception_ptr thrown);

// The same, stamped with the page it was about where the error named none.
ErrorInfo page_task_error(std::exception_ptr thrown, const std::string& source, int source_page);

} // namespace sohoa::pipeline
