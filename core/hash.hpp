#pragma once
#include <filesystem>
#include <span>
#include <string>

namespace sohoa {

// Lower-case hex SHA-256.
std::string sha256_hex(std::span<const unsigned char> bytes);
std::string sha256_hex(const std::string& bytes);
std::string sha256_file(const std::filesystem::path& path);

} // namespace sohoa
