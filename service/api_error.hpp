#pragma once
// A refused request: the HTTP status and the {"error": code, "message": ...} body.
// Thrown before anything is written, so a refused request changes nothing.
#include <stdexcept>
#include <string>

namespace sohoa::service {

class ApiError : public std::runtime_error {
public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), m_status(status), m_code(std::move(code)) {}
  int status() const { return m_status; }
  const std::string& code() const { return m_code; }

private:
  int m_status;
  std::string m_code;
};

} // namespace sohoa::service
