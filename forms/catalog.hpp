#pragma once
// Reading schemas/ into FormTypes: the x- keywords of each *.v1.schema.json.
#include "sohoa/forms/form_type.hpp"
#include <filesystem>
#include <nlohmann/json_fwd.hpp>

namespace sohoa::forms {

// One type schema's x- keywords as a FormType. Throws
// sohoa::Error(Stage::config, "bad_schema", what, file) when they are inconsistent.
FormType parse_form_type(const nlohmann::json& schema, const std::string& file);

} // namespace sohoa::forms
