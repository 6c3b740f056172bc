// build/sohoa: argv -> command object -> run. Everything else is the library.
#include "commands.hpp"

int main(int argc, char** argv) {
  return sohoa::cli::sohoa_main(argc, argv);
}
