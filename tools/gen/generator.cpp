#include "tools/gen/generator.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "tools/gen/conditions.hpp"
#include "tools/gen/degrade.hpp"
#include "tools/gen/layouts.hpp"
#include "tools/gen/random_data.hpp"
#include "tools/gen/vn_data.hpp"

namespace sohoa::gen {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

Profile parse_profile(const std::string& name) {
  if (name == "clean") {
    return Profile::clean;
  }
  if (name == "degraded") {
    return Profile::degraded;
  }
  if (name == "mixed") {
    return Profile::mixed;
  }
  throw std::invalid_argument("unknown profile '" + name + "' (clean, degraded or mixed)");
}

LayoutSet parse_layout_set(const std::string& name) {
  if (name == "standard") {
    return LayoutSet::standard;
  }
  if (name == "holdout") {
    return LayoutSet::holdout;
  }
  if (name == "mixed") {
    return LayoutSet::mixed;
  }
  throw std::invalid_argument("unknown layout set '" + name + "' (standard, holdout or mixed)");
}

namespace {

// Salt of the dossier's layout stream: apart from the content stream, so choosing
// layouts never shifts a draw of the standard output.
constexpr std::uint64_t k_layout_stream = 0x4C41594F5554ULL; // "LAYOUT"
// Salt of a holdout document's scan-condition stream, forked from its layout stream.
constexpr std::uint64_t k_condition_stream = 0x434F4E44ULL; // "COND"

// Gives each document its layout, drawn from the dossier's layout stream.
class LayoutPicker {
public:
  LayoutPicker(LayoutSet set, bool scan_conditions, std::vector<std::string> forced, Rng stream)
      : m_set(set), m_scan_conditions(scan_conditions), m_forced(std::move(forced)),
        m_stream(std::move(stream)) {}

  // Calls make(args..., layout) and records the layout in the document.
  template <typename Make, typename... Args> GenDocument make(Make make_document, Args&&... args) {
    LayoutVariant layout;
    layout.holdout =
        m_set == LayoutSet::holdout || (m_set == LayoutSet::mixed && m_stream.chance(0.5));
    layout.rng = Rng(m_stream.next());
    layout.conditions = layout.rng.fork(k_condition_stream);
    layout.conditions_enabled = m_scan_conditions;
    layout.forced_conditions = m_forced;
    GenDocument doc = make_document(std::forward<Args>(args)..., layout);
    apply_scan_conditions(doc, layout);
    doc.layout = layout.name();
    doc.layout_variants = layout.used;
    doc.conditions = layout.conditions_used;
    return doc;
  }

private:
  LayoutSet m_set;
  bool m_scan_conditions;
  std::vector<std::string> m_forced;
  Rng m_stream;
};

// A document ready to be written: its pages after degradation and its files.
struct Planned {
  GenDocument doc;
  bool degraded = false;
  Format format = Format::png;
  std::vector<PageImage> images;
  std::vector<PageEffects> effects;
  std::vector<std::string> files; // file names in the dossier folder
  std::vector<int> page_file;     // per page: index into files
  std::vector<int> page_in_file;  // per page: 1-based page number in its file
  std::string id;
};

void write_json(const fs::path& path, const ojson& j) {
  std::ofstream out(path, std::ios::trunc);
  out << j.dump(2) << '\n';
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string s;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    s += (i ? "\n" : "") + lines[i];
  }
  return s;
}

void finish_pages(Planned& p, Rng& rng, bool degraded) {
  for (auto& page : p.doc.pages) {
    PageEffects fx;
    cv::Mat img = degraded ? degrade_page(page.image, page.dpi, rng, fx) : page.image;
    fx.effects.insert(fx.effects.begin(), page.effects.begin(), page.effects.end());
    fx.rotation = (fx.rotation + page.rotation) % 360;
    p.images.push_back({img, page.dpi});
    p.effects.push_back(fx);
    page.image.release();
  }
  if (degraded && rng.chance(0.2)) {
    // The blank back of the last sheet, scanned in duplex.
    PageEffects fx;
    const cv::Size size = p.images.front().image.size();
    p.images.push_back({blank_page(size, rng, true, fx), p.images.front().dpi});
    p.effects.push_back(fx);
    RenderedPage blank;
    blank.blank = true;
    blank.dpi = p.images.front().dpi;
    p.doc.pages.push_back(blank);
  }
}

// What the chosen file format does to the page colour.
void apply_format_colour(Planned& p) {
  for (auto& fx : p.effects) {
    if (p.format == Format::tiff_g4) {
      fx.colour = "bitonal";
    } else if (p.format == Format::tiff_lzw && fx.colour != "bitonal") {
      fx.colour = "grey";
    }
  }
}

std::string extension(Format f, Rng& rng) {
  switch (f) {
  case Format::png:
    return ".png";
  case Format::jpeg:
    return rng.chance(0.7) ? ".jpg" : ".jpeg";
  case Format::pdf:
    return ".pdf";
  default:
    return rng.chance(0.7) ? ".tif" : ".tiff";
  }
}

void write_document_files(const fs::path& dir, Planned& p) {
  if (holds_many_pages(p.format)) {
    const fs::path path = dir / p.files.at(0);
    if (p.format == Format::pdf) {
      write_pdf(path, p.images);
    } else {
      write_tiff(path, p.images, p.format);
    }
    return;
  }
  for (std::size_t i = 0; i < p.images.size(); ++i) {
    const fs::path path = dir / p.files.at(static_cast<std::size_t>(p.page_file[i]));
    if (p.format == Format::png) {
      write_png(path, p.images[i]);
    } else {
      write_jpeg(path, p.images[i], 88);
    }
  }
}

// with_layout: the set was not --layouts standard, whose truth stays as it always was
// (a truth without "layout" is a standard one).
ojson truth_json(const Planned& p, const std::string& folder, const std::string& dossier_id,
                 bool with_layout) {
  ojson j;
  j["schema"] = "sohoa.truth/1";
  j["dossier_folder"] = folder;
  j["dossier_id"] = dossier_id;
  j["document_id"] = p.id;
  j["doc_type"] = p.doc.doc_type;
  j["profile"] = p.degraded ? "degraded" : "clean";
  if (with_layout) {
    j["layout"] = p.doc.layout;
    j["layout_variants"] = p.doc.layout_variants;
    j["conditions"] = p.doc.conditions;
  } else if (!p.doc.conditions.empty()) {
    j["conditions"] = p.doc.conditions; // --force-conditions on standard layouts
  }
  j["format"] = format_name(p.format);
  j["files"] = p.files;
  j["expected_status"] = "ok";
  j["fields"] = p.doc.fields;
  j["invalid_fields"] = p.doc.invalid_fields;
  ojson pages = ojson::array();
  for (std::size_t i = 0; i < p.images.size(); ++i) {
    const PageEffects& fx = p.effects[i];
    ojson pg;
    pg["index"] = i + 1;
    pg["file"] = p.files.at(static_cast<std::size_t>(p.page_file[i]));
    pg["page_in_file"] = p.page_in_file[i];
    pg["text"] = fx.blank ? std::string() : join_lines(p.doc.pages[i].lines);
    pg["rotation"] = fx.rotation;
    pg["skew_deg"] = fx.skew_deg;
    pg["blank"] = fx.blank;
    pg["colour"] = fx.colour;
    pg["dpi"] = p.images[i].dpi;
    pg["width"] = p.images[i].image.cols;
    pg["height"] = p.images[i].image.rows;
    pg["effects"] = fx.effects;
    pages.push_back(pg);
  }
  j["pages"] = pages;
  return j;
}

std::string random_agency_code(Rng& rng) {
  static const std::string k_letters = "ABCDEFGHIKLMNPQRSTUVXY";
  return "000.00." + two_digits(rng.range(1, 40)) + "." +
         k_letters[static_cast<std::size_t>(rng.range(0, static_cast<int>(k_letters.size()) - 1))] +
         two_digits(rng.range(10, 99));
}

} // namespace

int generate_dossier(const GenOptions& opt, int index) {
  Rng rng = Rng(opt.seed).fork(static_cast<std::uint64_t>(index) + 1);
  const int main_type = index % 4;
  DossierContext ctx;
  ctx.dpi = opt.dpi;
  ctx.office = random_address(rng);
  ctx.received = random_date(rng, Date{2026, 1, 5}, reference_today());
  const Date adult_from = main_type == 0 ? Date{1984, 1, 1} : Date{1955, 1, 1};
  const Date adult_to = main_type == 0 ? Date{2003, 12, 31} : Date{2007, 12, 31};
  ctx.applicant = random_person(rng, rng.chance(0.5), adult_from, adult_to);

  LayoutPicker layouts(opt.layouts, opt.scan_conditions, opt.forced_conditions,
                       rng.fork(k_layout_stream));
  std::vector<GenDocument> docs;
  if (main_type == 0) {
    docs.push_back(layouts.make(make_birth_registration, rng, ctx));
  } else if (main_type == 1) {
    docs.push_back(layouts.make(make_residence_ct01, rng, ctx));
  } else if (main_type == 2) {
    docs.push_back(layouts.make(make_judicial_request, rng, ctx));
  } else {
    docs.push_back(layouts.make(make_admin_decision, rng, ctx));
  }
  if (rng.chance(main_type == 3 ? 0.4 : 0.85)) {
    docs.push_back(layouts.make(make_citizen_id_card, rng, ctx, ctx.applicant));
  }
  if (rng.chance(0.2)) {
    const Person other = random_person(rng, rng.chance(0.5), Date{1950, 1, 1}, Date{2007, 1, 1});
    docs.push_back(layouts.make(make_citizen_id_card, rng, ctx, other));
  }
  if (main_type != 3 && rng.chance(0.15)) {
    docs.push_back(layouts.make(make_admin_decision, rng, ctx));
  }
  if (opt.unknown_docs && rng.chance(0.5)) {
    docs.push_back(layouts.make(make_unknown_document, rng, ctx));
  }
  if (docs.size() > 1 && rng.chance(0.3)) {
    std::swap(docs[0],
              docs[static_cast<std::size_t>(rng.range(1, static_cast<int>(docs.size()) - 1))]);
  }

  // Layout of the folder: with or without dossier.json, grouping by it or by file.
  bool has_json = rng.chance(0.6);
  bool list_documents = has_json && rng.chance(0.6);
  std::vector<Format> multi;
  for (Format f : opt.formats) {
    if (holds_many_pages(f)) {
      multi.push_back(f);
    }
  }
  std::vector<Planned> planned;
  for (auto& d : docs) {
    Planned p;
    p.doc = std::move(d);
    p.degraded =
        opt.profile == Profile::degraded || (opt.profile == Profile::mixed && rng.chance(0.5));
    p.format = rng.pick(opt.formats);
    planned.push_back(std::move(p));
  }
  for (auto& p : planned) {
    finish_pages(p, rng, p.degraded);
    if (p.images.size() > 1 && !holds_many_pages(p.format) && !list_documents) {
      if (!multi.empty()) {
        p.format = rng.pick(multi);
      } else {
        has_json = true;
        list_documents = true;
      }
    }
    apply_format_colour(p);
  }

  char name_buf[32];
  std::snprintf(name_buf, sizeof name_buf, "hs-%03d", index + 1);
  const std::string dossier_folder = name_buf;
  const std::string agency_code = random_agency_code(rng);
  char seq_buf[16];
  std::snprintf(seq_buf, sizeof seq_buf, "%04d", (index + 1) % 10000);
  const std::string dossier_code = agency_code + "-" + two_digits(ctx.received.year % 100) +
                                   two_digits(ctx.received.month) + two_digits(ctx.received.day) +
                                   "-" + seq_buf;
  const std::string dossier_id = has_json ? dossier_code : dossier_folder;

  std::map<std::string, int> used_ids;
  for (std::size_t j = 0; j < planned.size(); ++j) {
    Planned& p = planned[j];
    const std::string stem = two_digits(static_cast<int>(j) + 1) + "-" + p.doc.slug;
    const std::string ext = extension(p.format, rng);
    if (holds_many_pages(p.format) || p.images.size() == 1) {
      p.files.push_back(stem + ext);
      for (std::size_t i = 0; i < p.images.size(); ++i) {
        p.page_file.push_back(0);
        p.page_in_file.push_back(holds_many_pages(p.format) ? static_cast<int>(i) + 1 : 1);
      }
    } else {
      for (std::size_t i = 0; i < p.images.size(); ++i) {
        p.files.push_back(stem + "-p" + std::to_string(i + 1) + ext);
        p.page_file.push_back(static_cast<int>(i));
        p.page_in_file.push_back(1);
      }
    }
    if (list_documents) {
      const int n = ++used_ids[p.doc.slug];
      p.id = n == 1 ? p.doc.slug : p.doc.slug + "-" + std::to_string(n);
    } else {
      p.id = stem;
    }
  }

  const fs::path in_dir = opt.out / "input" / dossier_folder;
  const fs::path truth_dir = opt.out / "truth" / dossier_folder;
  fs::create_directories(in_dir);
  fs::create_directories(truth_dir);
  if (has_json) {
    static const std::map<std::string, std::string> k_procedures = {
        {"birth_registration_form", "1.001193"},
        {"residence_form_ct01", "1.004194"},
        {"judicial_record_request", "2.000488"},
        {"administrative_decision", "1.003111"}};
    ojson dj;
    dj["dossier_code"] = dossier_code;
    const auto proc = k_procedures.find(planned.front().doc.doc_type);
    dj["procedure_code"] = proc != k_procedures.end() ? proc->second : "1.001193";
    dj["agency_code"] = agency_code;
    dj["agency_name"] = "UBND " + ctx.office.ward;
    dj["officer"] =
        random_person(rng, rng.chance(0.5), Date{1970, 1, 1}, Date{1998, 1, 1}).full_name();
    if (list_documents) {
      ojson list = ojson::array();
      for (const auto& p : planned) {
        ojson d;
        d["id"] = p.id;
        d["files"] = p.files;
        if (rng.chance(0.2)) {
          d["doc_type"] = p.doc.doc_type;
        }
        list.push_back(d);
      }
      dj["documents"] = list;
    }
    write_json(in_dir / "dossier.json", dj);
  }
  for (auto& p : planned) {
    write_document_files(in_dir, p);
    write_json(truth_dir / (p.id + ".json"),
               truth_json(p, dossier_folder, dossier_id, opt.layouts != LayoutSet::standard));
  }
  return static_cast<int>(planned.size());
}

int generate_set(const GenOptions& opt) {
  fs::create_directories(opt.out / "input");
  fs::create_directories(opt.out / "truth");
  std::atomic<int> next{0};
  std::atomic<int> total{0};
  std::vector<std::string> errors(static_cast<std::size_t>(opt.dossiers));
  auto worker = [&] {
    for (int i = next++; i < opt.dossiers; i = next++) {
      try {
        total += generate_dossier(opt, i);
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(i)] = e.what();
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::max(1, opt.jobs); ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (auto& t : threads) {
    t.join();
  }
  for (const auto& e : errors) {
    if (!e.empty()) {
      throw std::runtime_error(e);
    }
  }
  if (opt.bad_inputs) {
    total += generate_bad_inputs(opt);
  }
  return total;
}

} // namespace sohoa::gen
