#pragma once
// One signed incremental update: sohoa::pdf writes the field and its placeholder,
// this hashes the two byte ranges and has make_contents turn the SHA-256 into the
// DER that goes into /Contents.
#include "sohoa/pdf/signature_update.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace sohoa::sign {

// Returns the complete new file (original bytes first). Throws
// Error(Stage::sign, "signing_failed" | "not_a_pdf").
std::string
write_signed_update(const std::filesystem::path& path, const pdf::SignatureFieldSpec& spec,
                    const std::function<std::string(const std::string&)>& make_contents);

} // namespace sohoa::sign
