#include "sohoa/sign/verify_report.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace sohoa::sign {
namespace {

struct Label {
  const char* vi;
  const char* en;
};

const std::map<std::string, Label>& check_labels() {
  static const std::map<std::string, Label> k_labels = {
      {"integrity", {"Toàn vẹn", "Integrity"}},
      {"cms", {"Chữ ký số", "Signature value"}},
      {"pades", {"Cấu trúc PAdES", "PAdES structure"}},
      {"timestamp", {"Dấu thời gian", "Time-stamp"}},
      {"trust", {"Tin cậy", "Trust"}},
      {"validity", {"Hiệu lực chứng thư", "Certificate validity"}},
      {"revocation", {"Thu hồi", "Revocation"}},
      {"changes", {"Thay đổi sau khi ký", "Changes after signing"}},
      {"ltv", {"Chuỗi dấu thời gian", "Time-stamp chain"}},
      {"pdfa", {"PDF/A", "PDF/A"}},
  };
  return k_labels;
}

const char* pick(bool vi, const char* vi_text, const char* en_text) {
  return vi ? vi_text : en_text;
}

const char* status_tag(CheckStatus status, bool vi) {
  switch (status) {
  case CheckStatus::ok:
    return pick(vi, "[ĐẠT]", "[OK]");
  case CheckStatus::warning:
    return pick(vi, "[CẢNH BÁO]", "[WARNING]");
  case CheckStatus::failed:
    break;
  }
  return pick(vi, "[LỖI]", "[FAILED]");
}

const char* status_name(CheckStatus status) {
  switch (status) {
  case CheckStatus::ok:
    return "ok";
  case CheckStatus::warning:
    return "warning";
  case CheckStatus::failed:
    break;
  }
  return "failed";
}

void print_check(const Check& check, bool vi, std::ostream& out) {
  const auto it = check_labels().find(check.id);
  const std::string label =
      it == check_labels().end() ? check.id : (vi ? it->second.vi : it->second.en);
  out << "    " << status_tag(check.status, vi) << ' ' << label << ": "
      << (vi ? check.detail.vi : check.detail.en) << '\n';
}

} // namespace

std::string text_report(const std::vector<FileReport>& files, const std::string& lang) {
  std::ostringstream out;
  const bool vi = lang != "en";
  for (const auto& file : files) {
    out << pick(vi, "Tệp: ", "File: ") << file.file.string() << '\n';
    if (!file.readable) {
      out << "  " << pick(vi, "Không đọc được: ", "Unreadable: ") << file.error << "\n\n";
      continue;
    }
    for (const auto& sig : file.signatures) {
      const bool valid = sig.valid();
      out << "  "
          << (sig.document_timestamp ? pick(vi, "Dấu thời gian tài liệu ", "Document time-stamp ")
                                     : pick(vi, "Chữ ký ", "Signature "))
          << sig.index << ": "
          << (valid ? pick(vi, "Chữ ký hợp lệ", "Signature valid")
                    : pick(vi, "Chữ ký KHÔNG hợp lệ", "Signature NOT valid"))
          << '\n';
      if (!sig.signer_name.empty()) {
        out << "    " << pick(vi, "Người ký: ", "Signer: ") << sig.signer_name << " ("
            << sig.signer_subject << ")\n";
        out << "    " << pick(vi, "Tổ chức cấp: ", "Issuer: ") << sig.issuer_name << '\n';
      }
      if (!sig.timestamp_time.empty()) {
        out << "    " << pick(vi, "Thời điểm ký: ", "Signing time: ") << sig.timestamp_time
            << pick(vi, " (theo dấu thời gian)", " (from the time-stamp)") << '\n';
      } else if (!sig.claimed_time.empty()) {
        out << "    " << pick(vi, "Thời điểm ký: ", "Signing time: ") << sig.claimed_time
            << pick(vi, " (máy ký tự khai, chưa được xác thực)",
                    " (claimed by the signer, not proven)")
            << '\n';
      }
      if (!sig.level.empty()) {
        out << "    " << pick(vi, "Mức PAdES: ", "PAdES level: ") << sig.level << '\n';
      }
      for (const auto& check : sig.checks) {
        print_check(check, vi, out);
      }
    }
    if (!file.pdfa.empty()) {
      out << "  PDF/A:\n";
    }
    for (const auto& check : file.pdfa) {
      print_check(check, vi, out);
    }
    if (file.signatures.empty()) {
      out << "  " << pick(vi, "Kết luận: Tệp không có chữ ký", "Result: the file has no signature")
          << "\n\n";
    } else {
      out << "  "
          << (file.valid() ? pick(vi, "Kết luận: Mọi chữ ký hợp lệ, toàn vẹn và tin cậy",
                                  "Result: every signature valid, intact and trusted")
                           : pick(vi, "Kết luận: Có chữ ký không hợp lệ",
                                  "Result: some signature is not valid"))
          << "\n\n";
    }
  }
  return out.str();
}

std::string json_report(const std::vector<FileReport>& files) {
  nlohmann::ordered_json root;
  bool all_valid = !files.empty();
  root["files"] = nlohmann::ordered_json::array();
  for (const auto& file : files) {
    nlohmann::ordered_json item;
    item["file"] = file.file.string();
    item["readable"] = file.readable;
    if (!file.readable) {
      item["error"] = file.error;
    }
    item["valid"] = file.valid();
    all_valid = all_valid && file.valid();
    item["signatures"] = nlohmann::ordered_json::array();
    for (const auto& sig : file.signatures) {
      nlohmann::ordered_json s;
      s["index"] = sig.index;
      s["type"] = sig.document_timestamp ? "document_timestamp" : "signature";
      s["valid"] = sig.valid();
      s["sub_filter"] = sig.sub_filter;
      s["level"] = sig.level;
      s["signer"] = {{"name", sig.signer_name},
                     {"subject", sig.signer_subject},
                     {"issuer", sig.issuer_name},
                     {"serial", sig.serial_hex}};
      s["claimed_time"] = sig.claimed_time;
      s["timestamp_time"] = sig.timestamp_time;
      s["validation_time"] = sig.validation_time;
      s["covered_bytes"] = sig.covered_end;
      s["checks"] = nlohmann::ordered_json::array();
      for (const auto& check : sig.checks) {
        s["checks"].push_back({{"id", check.id},
                               {"status", status_name(check.status)},
                               {"message_vi", check.detail.vi},
                               {"message_en", check.detail.en}});
      }
      item["signatures"].push_back(std::move(s));
    }
    item["pdfa"] = nlohmann::ordered_json::array();
    for (const auto& check : file.pdfa) {
      item["pdfa"].push_back({{"status", status_name(check.status)},
                              {"message_vi", check.detail.vi},
                              {"message_en", check.detail.en}});
    }
    root["files"].push_back(std::move(item));
  }
  root["valid"] = all_valid;
  return root.dump(2) + '\n';
}

} // namespace sohoa::sign
