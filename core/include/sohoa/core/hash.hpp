#pragma once
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>

namespace sohoa {

// Lower-case hex SHA-256.
std::string sha256_hex(std::span<const unsigned char> bytes);
std::string sha256_hex(const std::string& bytes);
std::string sha256_file(const std::filesystem::path& path);

// Lower-case hex of byte_count bytes from the system's cryptographic random source
// (tokens and CSRF secrets).
std::string random_hex(std::size_t byte_count);

// Compares two secrets in time that does not depend on where they differ.
bool same_secret(const std::string& a, const std::string& b);

} // namespace sohoa
