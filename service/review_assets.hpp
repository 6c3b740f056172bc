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

// The login form of a server that needs a token (no script: it works in any
// browser). next: where to go after; login_csrf: the form's hidden CSRF field;
// problem: shown above the form when not empty.
std::string login_page_html(std::string_view next, std::string_view login_csrf,
                            std::string_view problem);

std::string_view review_script();
std::string_view review_style();
std::string_view upload_script();

} // namespace sohoa::service
