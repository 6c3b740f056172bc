// Finding signatures and revisions in the raw bytes: it works on damaged or
// tampered files too, where a full parse may fail.
#include "sohoa/pdf/signature_scan.hpp"

#include <cctype>
#include <optional>

namespace sohoa::pdf {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool read_int(const std::string& bytes, size_t& pos, long long& out) {
  while (pos < bytes.size() && is_space(bytes[pos])) {
    ++pos;
  }
  const size_t start = pos;
  while (pos < bytes.size() && std::isdigit(static_cast<unsigned char>(bytes[pos])) != 0 &&
         pos - start < 15) {
    ++pos;
  }
  if (pos == start) {
    return false;
  }
  out = std::stoll(bytes.substr(start, pos - start));
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// White space as the regular expressions this replaces knew it (\s).
bool is_regex_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '#' || c == '+' || c == '-';
}

// Where the value after the first `key` that has one begins: past the key and any
// white space, at `opening`. A hand scan, not std::regex: a regular expression on a
// dictionary that spans a damaged file backtracks through megabytes, and std::regex
// recurses per character (slow, and deep enough to exhaust the stack).
template <typename ReadValue>
std::string value_after(const std::string& dict, const std::string& key, char opening,
                        ReadValue read_value) {
  for (size_t at = dict.find(key); at != std::string::npos; at = dict.find(key, at + 1)) {
    size_t pos = at + key.size();
    while (pos < dict.size() && is_regex_space(dict[pos])) {
      ++pos;
    }
    if (pos < dict.size() && dict[pos] == opening) {
      if (std::optional<std::string> value = read_value(pos + 1)) {
        return *value;
      }
    }
  }
  return {};
}

// `key /Name`: the name, without its slash.
std::string name_after(const std::string& dict, const std::string& key) {
  return value_after(dict, key, '/', [&](size_t from) -> std::optional<std::string> {
    size_t end = from;
    while (end < dict.size() && is_name_char(dict[end])) {
      ++end;
    }
    return end > from ? std::optional(dict.substr(from, end - from)) : std::nullopt;
  });
}

// `key (text)`: the text up to the first closing parenthesis.
std::string string_after(const std::string& dict, const std::string& key) {
  return value_after(dict, key, '(', [&](size_t from) -> std::optional<std::string> {
    const size_t close = dict.find(')', from);
    return close != std::string::npos ? std::optional(dict.substr(from, close - from))
                                      : std::nullopt;
  });
}

} // namespace

std::vector<RawSignature> find_signatures(const std::string& bytes) {
  std::vector<RawSignature> out;
  const long long size = static_cast<long long>(bytes.size());
  for (size_t at = bytes.find("/ByteRange"); at != std::string::npos;
       at = bytes.find("/ByteRange", at + 1)) {
    size_t pos = at + 10;
    while (pos < bytes.size() && is_space(bytes[pos])) {
      ++pos;
    }
    if (pos >= bytes.size() || bytes[pos] != '[') {
      continue;
    }
    ++pos;
    RawSignature sig;
    bool ok = true;
    for (long long& value : sig.range) {
      ok = ok && read_int(bytes, pos, value);
    }
    if (!ok) {
      continue;
    }
    bool duplicate = false;
    for (const auto& seen : out) {
      duplicate = duplicate || std::equal(seen.range, seen.range + 4, sig.range);
    }
    if (duplicate) {
      continue; // the same dictionary written again in a later revision
    }
    const long long gap_start = sig.range[0] + sig.range[1];
    const long long gap_end = sig.range[2];
    sig.layout_ok = sig.range[0] == 0 && gap_start > 0 && gap_end > gap_start + 1 &&
                    sig.range[3] >= 0 && gap_end + sig.range[3] <= size &&
                    bytes[static_cast<size_t>(gap_start)] == '<' &&
                    bytes[static_cast<size_t>(gap_end - 1)] == '>';
    if (sig.layout_ok) {
      std::string hex = bytes.substr(static_cast<size_t>(gap_start + 1),
                                     static_cast<size_t>(gap_end - gap_start - 2));
      if (hex.size() % 2 != 0) {
        sig.layout_ok = false;
      }
      for (size_t i = 0; sig.layout_ok && i + 1 < hex.size(); i += 2) {
        const int high = hex_value(hex[i]);
        const int low = hex_value(hex[i + 1]);
        if (high < 0 || low < 0) {
          sig.layout_ok = false;
        } else {
          sig.contents += static_cast<char>(high * 16 + low);
        }
      }
      // The dictionary: from its object header to endobj, without the hex.
      const size_t obj = bytes.rfind(" obj", static_cast<size_t>(gap_start));
      const size_t end = bytes.find("endobj", static_cast<size_t>(gap_end));
      const size_t from = obj == std::string::npos ? static_cast<size_t>(0) : obj;
      const size_t to = end == std::string::npos ? bytes.size() : end;
      sig.dictionary =
          bytes.substr(from, static_cast<size_t>(gap_start) - from) +
          bytes.substr(static_cast<size_t>(gap_end), to - static_cast<size_t>(gap_end));
    } else {
      const size_t end = bytes.find("endobj", at);
      sig.dictionary = bytes.substr(at, std::min<size_t>(end - at, 4096));
    }
    sig.sub_filter = name_after(sig.dictionary, "/SubFilter");
    sig.type = name_after(sig.dictionary, "/Type");
    sig.claimed_time = string_after(sig.dictionary, "/M");
    out.push_back(std::move(sig));
  }
  return out;
}

std::vector<long long> revision_ends(const std::string& bytes) {
  std::vector<long long> out;
  for (size_t at = bytes.find("%%EOF"); at != std::string::npos; at = bytes.find("%%EOF", at + 5)) {
    size_t end = at + 5;
    if (end < bytes.size() && bytes[end] == '\r') {
      ++end;
    }
    if (end < bytes.size() && bytes[end] == '\n') {
      ++end;
    }
    out.push_back(static_cast<long long>(end));
  }
  return out;
}

} // namespace sohoa::pdf
