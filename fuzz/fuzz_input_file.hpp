#pragma once
// For fuzz targets whose parser reads a file (libtiff, PoDoFo): the input written
// to one temp file per process, rewritten on every call.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace sohoa::fuzz {

inline std::filesystem::path write_input_file(const std::uint8_t* data, std::size_t size,
                                              const std::string& extension) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("sohoa-fuzz-" + std::to_string(::getpid()) + extension);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return file;
}

} // namespace sohoa::fuzz
