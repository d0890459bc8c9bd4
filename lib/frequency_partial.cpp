// Partial counts of a FrequencyCounter: the records `freq --partial` writes and `verbatim merge`
// adds up. Each record carries what the counter derived once per distinct form (norm, group
// keys, counted), so a merge needs neither the stopword lists nor the synonym file of the shards.
#include <algorithm>

#include <fmt/format.h>

#include "frequency_impl.hpp"
#include "verbatim/json.hpp"

namespace verbatim {

namespace {

void append_key(std::string& out, std::string_view key) {
  append_json_string(out, key);
  out.push_back(':');
}

// {"case value": n, ...} over the cases where n is not zero.
template <class Cases, class F>
bool append_per_case(std::string& out, const Cases& cases, F&& value) {
  bool any = false;
  out.push_back('{');
  for (const auto& [name, k] : cases) {
    const std::uint64_t n = value(k);
    if (n == 0) continue;
    if (any) out.push_back(',');
    append_key(out, name);
    fmt::format_to(std::back_inserter(out), "{}", n);
    any = true;
  }
  out.push_back('}');
  return any;
}

constexpr std::string_view kWhat = "not a freq partial record";

[[noreturn]] void bad_record(const Location& where, std::string_view why) {
  throw Error(where, fmt::format("{}: {}", kWhat, why));
}

}  // namespace

void FrequencyCounter::write_partial(std::string& out, int counter) const {
  const Impl& m = *impl_;
  for (const auto& [name, k] : m.cases) {
    out += fmt::format("{{\"k\":{},\"case\":", counter);
    append_json_string(out, name);
    out += fmt::format(",\"documents\":{},\"words\":{}}}\n", k.documents, k.words);
  }
  // Forms by language and surface, groups by key: the bytes of a partial do not depend on the
  // order forms were first seen in.
  std::vector<std::uint32_t> form_order(m.forms.size());
  for (std::uint32_t id = 0; id < form_order.size(); ++id)
    form_order[id] = id;
  std::sort(form_order.begin(), form_order.end(), [&m](std::uint32_t x, std::uint32_t y) {
    const Impl::Form& a = m.forms[x];
    const Impl::Form& b = m.forms[y];
    return a.lang != b.lang ? a.lang < b.lang : a.surface < b.surface;
  });
  std::vector<std::uint32_t> row_order(m.row_keys.size());
  for (std::uint32_t row = 0; row < row_order.size(); ++row)
    row_order[row] = row;
  std::sort(row_order.begin(), row_order.end(),
            [&m](std::uint32_t x, std::uint32_t y) { return m.row_keys[x] < m.row_keys[y]; });
  std::string line;
  for (const std::uint32_t id : form_order) {
    const Impl::Form& f = m.forms[id];
    if (!f.counted) continue;
    line = fmt::format("{{\"k\":{},\"form\":", counter);
    append_json_string(line, f.surface);
    line += ",\"lang\":";
    append_json_string(line, language_code(f.lang));
    line += ",\"norm\":";
    append_json_string(line, f.norm);
    line += ",\"key\":";
    append_json_string(line, f.key);
    line += ",\"groups\":[";
    for (std::size_t i = 0; i < f.rows.size(); ++i) {
      if (i) line.push_back(',');
      append_json_string(line, m.row_keys[f.rows[i]]);
    }
    line += "],\"counts\":";
    const bool any = append_per_case(line, m.cases, [id](const auto& k) {
      return id < k.form_count.size() ? k.form_count[id] : 0;
    });
    if (!any) continue;
    out += line;
    out += "}\n";
  }
  for (const std::uint32_t row : row_order) {
    line = fmt::format("{{\"k\":{},\"group\":", counter);
    append_json_string(line, m.row_keys[row]);
    line += ",\"documents\":";
    const bool any = append_per_case(line, m.cases, [row](const auto& k) {
      return row < k.row_docs.size() ? k.row_docs[row] : 0;
    });
    if (!any) continue;
    out += line;
    out += "}\n";
  }
}

void FrequencyCounter::add_partial(const JsonValue& record, const Location& where) {
  Impl& m = *impl_;
  if (record.type != JsonValue::Type::object) bad_record(where, "not an object");
  if (record.get("case")) {
    const std::string& name = json_string(record, "case", where, kWhat);
    const std::uint64_t documents = json_uint(record, "documents", where, kWhat);
    const std::uint64_t words = json_uint(record, "words", where, kWhat);
    Impl::Case& k = m.cases[name];
    k.documents += documents;
    k.words += words;
    return;
  }
  if (record.get("form")) {
    const std::string& surface = json_string(record, "form", where, kWhat);
    const std::optional<Language> lang = parse_language(json_string(record, "lang", where, kWhat));
    if (!lang) bad_record(where, "'lang' must be fr or en");
    const std::string& key = json_string(record, "key", where, kWhat);
    const std::string& norm = json_string(record, "norm", where, kWhat);
    const JsonValue* groups = record.get("groups");
    if (!groups || groups->type != JsonValue::Type::array || groups->items.empty())
      bad_record(where, "'groups' must be a list of group keys");
    for (const JsonValue& g : groups->items) {
      if (g.type != JsonValue::Type::string) bad_record(where, "a group key must be a string");
    }
    const JsonValue& counts = json_object(record, "counts", where, kWhat);
    for (const JsonValue& n : counts.values)
      json_uint(n, where, kWhat);
    // Checked: from here nothing throws before the form is whole.
    RowList rows;
    for (const JsonValue& g : groups->items)
      rows.push_back(m.row_of(g.text));
    bool fresh = false;
    const std::uint32_t value = m.adopt(*lang, surface, norm, key, true, rows, &fresh);
    if (!fresh && m.forms[value & ~Impl::kCounted].key != key) {
      throw Error(where, fmt::format("the form '{}' is in another group in an earlier partial: "
                                     "the partials were made with different options",
                                     surface));
    }
    const std::uint32_t id = value & ~Impl::kCounted;
    for (std::size_t i = 0; i < counts.keys.size(); ++i) {
      Impl::Case& k = m.cases[counts.keys[i]];
      m.fit(k);
      const std::uint64_t n = json_uint(counts.values[i], where, kWhat);
      k.form_count[id] += n;
      k.counted += n;
    }
    return;
  }
  if (record.get("group")) {
    const std::string& key = json_string(record, "group", where, kWhat);
    const JsonValue& docs = json_object(record, "documents", where, kWhat);
    for (const JsonValue& n : docs.values)
      json_uint(n, where, kWhat);
    const std::uint32_t row = m.row_of(key);
    for (std::size_t i = 0; i < docs.keys.size(); ++i) {
      Impl::Case& k = m.cases[docs.keys[i]];
      m.fit(k);
      k.row_docs[row] += json_uint(docs.values[i], where, kWhat);
    }
    return;
  }
  bad_record(where, "no 'case', 'form' or 'group' member");
}

}  // namespace verbatim
