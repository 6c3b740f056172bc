#pragma once
// The counter's pages: plain HTML with a small script and style sheet of their
// own, no framework, nothing fetched from elsewhere.
#include <string>
#include <string_view>

namespace sohoa::service {

// The upload page (GET /) and the review page of one dossier (GET /dossiers/{id}).
// csrf_token goes into a <meta> the scripts send back on every change.
std::string upload_page_html(std::string_view csrf_token);
std::string review_page_html(std::string_view dossier_id, std::string_view csrf_token);

std::string_view review_script();
std::string_view review_style();
std::string_view upload_script();

} // namespace sohoa::service
