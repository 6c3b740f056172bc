#include "pdfsign/xml_lite.hpp"

#include <cstdlib>

namespace sohoa::pdf {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Parser {
public:
  explicit Parser(const std::string& s) : m_s(s) {}

  bool parse(XmlNode& root, std::string& error) {
    if (!content(root, 0, error)) {
      return false;
    }
    if (m_pos < m_s.size()) {
      error = "unexpected end tag at " + std::to_string(m_pos);
      return false;
    }
    return true;
  }

private:
  // Children and text of node until its end tag (or the end for the root).
  bool content(XmlNode& node, int depth, std::string& error) {
    if (depth > 200) {
      error = "nesting too deep";
      return false;
    }
    while (m_pos < m_s.size()) {
      if (m_s[m_pos] != '<') {
        const auto lt = m_s.find('<', m_pos);
        const auto end = lt == std::string::npos ? m_s.size() : lt;
        node.text += xml_unescape(m_s.substr(m_pos, end - m_pos));
        m_pos = end;
        continue;
      }
      if (m_s.compare(m_pos, 4, "<!--") == 0) {
        if (!skip_past("-->", error)) {
          return false;
        }
      } else if (m_s.compare(m_pos, 9, "<![CDATA[") == 0) {
        const auto end = m_s.find("]]>", m_pos);
        if (end == std::string::npos) {
          error = "unterminated CDATA";
          return false;
        }
        node.text += m_s.substr(m_pos + 9, end - m_pos - 9);
        m_pos = end + 3;
      } else if (m_s.compare(m_pos, 2, "<?") == 0) {
        if (!skip_past("?>", error)) {
          return false;
        }
      } else if (m_s.compare(m_pos, 2, "<!") == 0) {
        if (!skip_past(">", error)) {
          return false;
        }
      } else if (m_s.compare(m_pos, 2, "</") == 0) {
        const auto end = m_s.find('>', m_pos);
        if (end == std::string::npos) {
          error = "unterminated end tag";
          return false;
        }
        std::string name = m_s.substr(m_pos + 2, end - m_pos - 2);
        while (!name.empty() && is_space(name.back())) {
          name.pop_back();
        }
        if (depth == 0 || name != node.name) {
          error = "mismatched end tag </" + name + ">";
          return false;
        }
        m_pos = end + 1;
        return true;
      } else {
        XmlNode child;
        if (!element(child, depth, error)) {
          return false;
        }
        node.children.push_back(std::move(child));
      }
    }
    if (depth != 0) {
      error = "unterminated element <" + node.name + ">";
      return false;
    }
    return true;
  }

  bool element(XmlNode& node, int depth, std::string& error) {
    ++m_pos; // '<'
    const auto name_end = m_s.find_first_of(" \t\r\n/>", m_pos);
    if (name_end == std::string::npos || name_end == m_pos) {
      error = "bad start tag";
      return false;
    }
    node.name = m_s.substr(m_pos, name_end - m_pos);
    m_pos = name_end;
    for (;;) {
      while (m_pos < m_s.size() && is_space(m_s[m_pos])) {
        ++m_pos;
      }
      if (m_pos >= m_s.size()) {
        error = "unterminated start tag";
        return false;
      }
      if (m_s[m_pos] == '/') {
        if (m_pos + 1 >= m_s.size() || m_s[m_pos + 1] != '>') {
          error = "bad empty-element tag";
          return false;
        }
        m_pos += 2;
        return true;
      }
      if (m_s[m_pos] == '>') {
        ++m_pos;
        return content(node, depth + 1, error);
      }
      const auto eq = m_s.find('=', m_pos);
      if (eq == std::string::npos) {
        error = "attribute without value";
        return false;
      }
      std::string attr = m_s.substr(m_pos, eq - m_pos);
      while (!attr.empty() && is_space(attr.back())) {
        attr.pop_back();
      }
      m_pos = eq + 1;
      while (m_pos < m_s.size() && is_space(m_s[m_pos])) {
        ++m_pos;
      }
      if (m_pos >= m_s.size() || (m_s[m_pos] != '"' && m_s[m_pos] != '\'')) {
        error = "unquoted attribute " + attr;
        return false;
      }
      const char quote = m_s[m_pos];
      const auto close = m_s.find(quote, m_pos + 1);
      if (close == std::string::npos) {
        error = "unterminated attribute " + attr;
        return false;
      }
      node.attrs.emplace_back(attr, xml_unescape(m_s.substr(m_pos + 1, close - m_pos - 1)));
      m_pos = close + 1;
    }
  }

  bool skip_past(const char* marker, std::string& error) {
    const auto end = m_s.find(marker, m_pos);
    if (end == std::string::npos) {
      error = std::string("missing ") + marker;
      return false;
    }
    m_pos = end + std::char_traits<char>::length(marker);
    return true;
  }

  const std::string& m_s;
  std::size_t m_pos = 0;
};

} // namespace

const std::string* XmlNode::attr(const std::string& n) const {
  for (const auto& [k, v] : attrs) {
    if (k == n) {
      return &v;
    }
  }
  return nullptr;
}

const XmlNode* XmlNode::child(const std::string& n) const {
  for (const auto& c : children) {
    if (c.name == n) {
      return &c;
    }
  }
  return nullptr;
}

const XmlNode* XmlNode::find(const std::string& n) const {
  for (const auto& c : children) {
    if (c.name == n) {
      return &c;
    }
    if (const XmlNode* hit = c.find(n)) {
      return hit;
    }
  }
  return nullptr;
}

std::string XmlNode::value() const {
  for (const char* container : {"rdf:Alt", "rdf:Seq", "rdf:Bag"}) {
    if (const XmlNode* c = child(container)) {
      // Prefer x-default in a language alternative.
      for (const auto& li : c->children) {
        const std::string* lang = li.attr("xml:lang");
        if (li.name == "rdf:li" && lang != nullptr && *lang == "x-default") {
          return li.text;
        }
      }
      const XmlNode* li = c->child("rdf:li");
      return li == nullptr ? std::string() : li->text;
    }
  }
  std::string t = text;
  const auto first = t.find_first_not_of(" \t\r\n");
  const auto last = t.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : t.substr(first, last - first + 1);
}

bool parse_xml(const std::string& text, XmlNode& root, std::string& error) {
  Parser parser(text);
  return parser.parse(root, error);
}

std::string xml_unescape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const auto semi = text.find(';', i);
    if (semi == std::string::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    const std::string ent = text.substr(i + 1, semi - i - 1);
    if (ent == "amp") {
      out += '&';
    } else if (ent == "lt") {
      out += '<';
    } else if (ent == "gt") {
      out += '>';
    } else if (ent == "quot") {
      out += '"';
    } else if (ent == "apos") {
      out += '\'';
    } else if (!ent.empty() && ent[0] == '#') {
      const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      const unsigned long cp = std::strtoul(ent.c_str() + (hex ? 2 : 1), nullptr, hex ? 16 : 10);
      append_utf8(out, cp);
    } else {
      out += text.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

} // namespace sohoa::pdf
