#pragma once
// JSON Schemas compiled once (valijson, draft 7) and validated against many times.
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace sohoa::forms {

class SchemaSet {
public:
  SchemaSet();
  ~SchemaSet();
  SchemaSet(const SchemaSet&) = delete;
  SchemaSet& operator=(const SchemaSet&) = delete;

  // Throws sohoa::Error(Stage::config, "bad_schema", ..., file) when valijson cannot
  // compile it.
  void add(const std::string& key, const nlohmann::json& schema, const std::string& file);
  bool has(const std::string& key) const;
  // The violations of doc against the schema under key, as "<path>: <what>";
  // empty when it conforms. Thread-safe: compiled schemas are only read.
  std::vector<std::string> validate(const std::string& key, const nlohmann::json& doc) const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace sohoa::forms
