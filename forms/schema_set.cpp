#include "schema_set.hpp"
#include "sohoa/core/error.hpp"
#include <map>
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace sohoa::forms {

struct SchemaSet::Impl {
  // valijson::Schema is neither copyable nor movable.
  std::map<std::string, std::unique_ptr<valijson::Schema>> schemas;
};

SchemaSet::SchemaSet() : m_impl(std::make_unique<Impl>()) {}
SchemaSet::~SchemaSet() = default;

void SchemaSet::add(const std::string& key, const nlohmann::json& schema, const std::string& file) {
  auto compiled = std::make_unique<valijson::Schema>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const valijson::adapters::NlohmannJsonAdapter adapter(schema);
    parser.populateSchema(adapter, *compiled);
  } catch (const std::exception& e) {
    throw Error(Stage::config, "bad_schema", std::string("JSON Schema rejected: ") + e.what(),
                file);
  }
  m_impl->schemas[key] = std::move(compiled);
}

bool SchemaSet::has(const std::string& key) const {
  return m_impl->schemas.count(key) != 0;
}

std::vector<std::string> SchemaSet::validate(const std::string& key,
                                             const nlohmann::json& doc) const {
  const auto it = m_impl->schemas.find(key);
  if (it == m_impl->schemas.end()) {
    return {"no schema named " + key};
  }
  valijson::Validator validator;
  valijson::ValidationResults results;
  const valijson::adapters::NlohmannJsonAdapter target(doc);
  std::vector<std::string> out;
  if (validator.validate(*it->second, target, &results)) {
    return out;
  }
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const auto& part : error.context) {
      path += part;
    }
    out.push_back(path + ": " + error.description);
  }
  return out;
}

} // namespace sohoa::forms
