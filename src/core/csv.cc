#include "core/csv.h"

namespace origine::csv {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string Trimmed(std::string s) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool LooksLikeNumber(std::string_view v) {
  size_t i = v[0] == '-' || v[0] == '+' ? 1 : 0;
  if (i == v.size()) return false;
  bool digits = false, dot = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') {
      digits = true;
    } else if ((v[i] == '.' || v[i] == ',') && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

std::string_view StripBom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

Result<std::vector<Record>> Parse(std::string_view text, const ParseOptions& o) {
  text = StripBom(text);
  std::vector<Record> out;
  size_t i = 0, line = 1;
  while (i < text.size()) {
    Record rec;
    rec.line = line;
    // Blank and comment lines.
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      if (!o.skip_blank_lines) out.push_back(std::move(rec));
      continue;
    }
    if (o.skip_comment_lines && text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      if (i < text.size()) ++i;
      ++line;
      continue;
    }
    std::string cur;
    for (;;) {
      // Start of a field: optional blanks, then maybe a quote.
      size_t j = i;
      if (o.trim)
        while (j < text.size() && IsBlank(text[j])) ++j;
      if (j < text.size() && text[j] == '"') {
        const size_t start_line = line;
        i = j + 1;
        for (;;) {
          if (i >= text.size())
            return Error::Invalid("csv.unterminated_quote"_code,
                                  "line " + std::to_string(start_line) + ": unterminated quoted field")
                .With("line", std::to_string(start_line));
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              cur += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          cur += text[i++];
        }
        // After the closing quote: blanks (when trimming), then separator or end of record.
        while (i < text.size() && text[i] != o.separator && text[i] != '\n' && text[i] != '\r') {
          if (!(o.trim && IsBlank(text[i]))) cur += text[i];  // lenient: text after the quote is kept
          ++i;
        }
      } else {
        while (i < text.size() && text[i] != o.separator && text[i] != '\n' &&
               !(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') &&
               !(text[i] == '\r' && i + 1 == text.size()))
          cur += text[i++];
        if (o.trim) cur = Trimmed(std::move(cur));
      }
      rec.fields.push_back(std::move(cur));
      cur.clear();
      if (i < text.size() && text[i] == o.separator) {
        ++i;
        continue;
      }
      // End of record.
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') ++i;
      ++line;
      break;
    }
    out.push_back(std::move(rec));
  }
  return out;
}

std::string Field(std::string_view value) {
  std::string f(value);
  if (!f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '-' || f[0] == '@' || f[0] == '\t' || f[0] == '\r') &&
      !LooksLikeNumber(f))
    f.insert(f.begin(), '\'');
  if (f.find_first_of(",\"\r\n") == std::string::npos) return f;
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Line(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += Field(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace origine::csv
