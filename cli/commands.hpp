#pragma once

namespace sohoa::cli {

// Parses the command line, runs the command, returns the process exit code.
// The one place errors are printed as "sohoa: error: ...".
int sohoa_main(int argc, char** argv);

} // namespace sohoa::cli
