#include "cli/partial.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace verbatim::cli {

PartialFields::PartialFields(const JsonValue& object, std::string file)
    : v_(object), file_(std::move(file)) {}

const JsonValue& PartialFields::member(std::string_view name, JsonValue::Type type,
                                       std::string_view kind) const {
  const JsonValue* v = v_.type == JsonValue::Type::object ? v_.get(name) : nullptr;
  if (!v || v->type != type) {
    throw Error(Location{file_, 1, 1, std::nullopt},
                fmt::format("not a verbatim partial: its header's '{}' must be {}", name, kind));
  }
  return *v;
}

const std::string& PartialFields::text(std::string_view name) const {
  return member(name, JsonValue::Type::string, "a string").text;
}

std::size_t PartialFields::size(std::string_view name) const {
  return static_cast<std::size_t>(json_uint(member(name, JsonValue::Type::number, "a number"),
                                            Location{file_, 1, 1, std::nullopt},
                                            "not a verbatim partial"));
}

bool PartialFields::flag(std::string_view name) const {
  return member(name, JsonValue::Type::boolean, "true or false").boolean;
}

PartialFields PartialFields::object(std::string_view name) const {
  return PartialFields(member(name, JsonValue::Type::object, "an object"), file_);
}

std::vector<std::string> PartialFields::strings(std::string_view name) const {
  std::vector<std::string> out;
  for (const JsonValue& v : member(name, JsonValue::Type::array, "a list").items) {
    if (v.type != JsonValue::Type::string) {
      throw Error(Location{file_, 1, 1, std::nullopt},
                  fmt::format("not a verbatim partial: '{}' must list strings", name));
    }
    out.push_back(v.text);
  }
  return out;
}

CommonOptions partial_common_options(const PartialFields& o, const CommonOptions& output) {
  CommonOptions c = output;
  c.lang = o.text("lang");
  c.stopwords = o.text("stopwords");
  c.role = o.text("role");
  c.hyphens = o.text("hyphens");
  return c;
}

std::string json_string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, items[i]);
  }
  out.push_back(']');
  return out;
}

std::string partial_header(const std::string& start, const std::string& table,
                           std::size_t documents, const Fingerprint& fp) {
  return fmt::format(
      "{{\"verbatim\":{},\"partial\":1,\"table\":{},\"corpus\":{{\"documents\":{},"
      "\"fingerprint\":\"{}\"}}}}}}\n",
      start, table, documents, fp.hex());
}

int write_partial_text(const std::string& output, const std::string& text) {
  OutputFile out(output);
  out.write(text);
  out.commit();
  return kOk;
}

PartialFile::PartialFile(const std::string& path) : path_(path) {
  file_ = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file_) {
    throw Error(Location{path, 0, 0, std::nullopt},
                fmt::format("cannot open: {}", std::strerror(errno)));
  }
  try {
    read_header();
  } catch (...) {
    if (file_ != stdin) std::fclose(file_);
    std::free(buf_);
    throw;
  }
}

void PartialFile::read_header() {
  auto not_partial = [&](const std::string& why) {
    return Error(Location{path_, 1, 1, 0},
                 fmt::format("not a verbatim partial ({}); make one with freq --partial or "
                             "cooccur --partial",
                             why));
  };
  if (!read_line()) throw not_partial("the file is empty");
  std::size_t pos = 0;
  try {
    head_ = parse_json_at(line_, pos, path_);
  } catch (const Error&) {
    throw not_partial("its first line is not JSON");
  }
  verbatim_ = head_.get("verbatim");
  const JsonValue* partial = verbatim_ ? verbatim_->get("partial") : nullptr;
  if (!partial || partial->text != "1") throw not_partial("no \"partial\": 1 in its header");
  const PartialFields h = header();
  tool_ = h.text("tool");
  const PartialFields corpus = h.object("corpus");
  documents_ = corpus.size("documents");
  const auto fp = Fingerprint::from_hex(corpus.text("fingerprint"));
  if (!fp) throw not_partial("its fingerprint is not 16 hex digits");
  fingerprint_ = *fp;
}

PartialFile::~PartialFile() {
  if (file_ && file_ != stdin) std::fclose(file_);
  std::free(buf_);
}

bool PartialFile::read_line() {
  for (;;) {
    offset_ = next_offset_;
    const ssize_t n = ::getline(&buf_, &cap_, file_);
    if (n < 0) {
      if (std::ferror(file_)) {
        throw Error(Location{path_, line_no_ + 1, 0, offset_},
                    fmt::format("cannot read: {}", std::strerror(errno)));
      }
      return false;
    }
    ++line_no_;
    next_offset_ += static_cast<std::uint64_t>(n);
    std::size_t len = static_cast<std::size_t>(n);
    while (len && (buf_[len - 1] == '\n' || buf_[len - 1] == '\r'))
      --len;
    if (len == 0) continue;  // blank lines between records
    line_ = std::string_view(buf_, len);
    return true;
  }
}

bool PartialFile::next(JsonValue& record, Location& where) {
  if (!read_line()) return false;
  where = Location{path_, line_no_, 1, offset_};
  std::size_t pos = 0;
  try {
    record = parse_json_at(line_, pos, path_);
  } catch (const Error& e) {
    const Location& at = e.diagnostic().where;
    throw Error(Location{path_, line_no_, at.column, offset_ + at.byte.value_or(0)},
                e.diagnostic().message);
  }
  return true;
}

}  // namespace verbatim::cli
