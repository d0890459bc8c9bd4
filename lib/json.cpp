#include "verbatim/json.hpp"

#include <fmt/format.h>

#include "verbatim/error.hpp"

namespace verbatim {

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

const JsonValue* JsonValue::get(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &values[i];
  }
  return nullptr;
}

namespace {

void append_compact(std::string& out, const JsonValue& v) {
  switch (v.type) {
    case JsonValue::Type::null:
      out += "null";
      break;
    case JsonValue::Type::boolean:
      out += v.boolean ? "true" : "false";
      break;
    case JsonValue::Type::number:
      out += v.text;
      break;
    case JsonValue::Type::string:
      append_json_string(out, v.text);
      break;
    case JsonValue::Type::array:
      out.push_back('[');
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out.push_back(',');
        append_compact(out, v.items[i]);
      }
      out.push_back(']');
      break;
    case JsonValue::Type::object:
      out.push_back('{');
      for (std::size_t i = 0; i < v.keys.size(); ++i) {
        if (i) out.push_back(',');
        append_json_string(out, v.keys[i]);
        out.push_back(':');
        append_compact(out, v.values[i]);
      }
      out.push_back('}');
      break;
  }
}

class JsonReader {
 public:
  JsonReader(std::string_view text, std::size_t pos, std::string_view name)
      : s_(text), i_(pos), name_(name) {}

  JsonValue value(int depth) {
    if (depth > 256) fail("nesting deeper than 256 levels");
    space();
    if (i_ >= s_.size()) fail("unexpected end of input");
    JsonValue v;
    const char c = s_[i_];
    if (c == '{') {
      v.type = JsonValue::Type::object;
      ++i_;
      space();
      if (peek('}')) return v;
      for (;;) {
        space();
        if (i_ >= s_.size() || s_[i_] != '"') fail("expected a string key");
        std::string key = string();
        space();
        expect(':');
        v.keys.push_back(std::move(key));
        v.values.push_back(value(depth + 1));
        space();
        if (peek('}')) return v;
        expect(',');
      }
    }
    if (c == '[') {
      v.type = JsonValue::Type::array;
      ++i_;
      space();
      if (peek(']')) return v;
      for (;;) {
        v.items.push_back(value(depth + 1));
        space();
        if (peek(']')) return v;
        expect(',');
      }
    }
    if (c == '"') {
      v.type = JsonValue::Type::string;
      v.text = string();
      return v;
    }
    if (word("true")) {
      v.type = JsonValue::Type::boolean;
      v.boolean = true;
      return v;
    }
    if (word("false")) {
      v.type = JsonValue::Type::boolean;
      return v;
    }
    if (word("null")) return v;
    v.type = JsonValue::Type::number;
    v.text = number();
    return v;
  }

  std::size_t pos() const { return i_; }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  [[noreturn]] void fail(const std::string& msg) const {
    Location where = locate(name_, s_, i_);
    where.byte = i_;
    throw Error(where, "invalid JSON: " + msg);
  }

 private:
  std::string_view s_;
  std::size_t i_;
  std::string_view name_;

  bool peek(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!peek(c)) fail(fmt::format("expected '{}'", c));
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  std::string number() {
    const std::size_t b = i_;
    auto digits = [&] {
      const std::size_t d = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9')
        ++i_;
      return i_ > d;
    };
    peek('-');
    // No leading zeros: "01" is a 0 followed by text.
    if (!peek('0') && !digits()) fail("expected a value");
    if (peek('.') && !digits()) fail("expected digits after '.'");
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (!peek('+')) peek('-');
      if (!digits()) fail("expected an exponent");
    }
    return std::string(s_.substr(b, i_ - b));
  }

  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("a \\u escape needs four hex digits");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9') {
        v |= static_cast<unsigned>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        v |= static_cast<unsigned>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        v |= static_cast<unsigned>(h - 'A' + 10);
      } else {
        fail("a \\u escape needs four hex digits");
      }
    }
    return v;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  std::string string() {
    ++i_;  // the opening quote
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        --i_;
        fail("control character in a string");
      }
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) fail("unterminated string");
      const char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.push_back(e);
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_, 2) == "\\u") {
            i_ += 2;
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("a high surrogate without its low half");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;  // a lone surrogate cannot be UTF-8
          }
          put_utf8(out, cp);
          break;
        }
        default:
          --i_;
          fail(fmt::format("unknown escape '\\{}'", e));
      }
    }
  }
};

}  // namespace

std::string JsonValue::cell() const {
  switch (type) {
    case Type::null:
      return "";
    case Type::boolean:
      return boolean ? "true" : "false";
    case Type::number:
    case Type::string:
      return text;
    default: {
      std::string out;
      append_compact(out, *this);
      return out;
    }
  }
}

JsonValue parse_json_at(std::string_view text, std::size_t& pos, std::string_view name) {
  JsonReader r(text, pos, name);
  JsonValue v = r.value(0);
  pos = r.pos();
  return v;
}

JsonValue parse_json(std::string_view text, std::string_view name) {
  std::size_t pos = 0;
  JsonValue v = parse_json_at(text, pos, name);
  JsonReader r(text, pos, name);
  r.space();
  if (r.pos() != text.size()) r.fail("text after the value");
  return v;
}

namespace {

const JsonValue& member(const JsonValue& object, std::string_view name, JsonValue::Type type,
                        const Location& where, std::string_view what, std::string_view kind) {
  const JsonValue* v = object.type == JsonValue::Type::object ? object.get(name) : nullptr;
  if (!v || v->type != type) {
    throw Error(where, fmt::format("{}: '{}' must be {}", what, name, kind));
  }
  return *v;
}

}  // namespace

std::uint64_t json_uint(const JsonValue& v, const Location& where, std::string_view what) {
  if (v.type != JsonValue::Type::number || v.text.empty() || v.text.size() > 19 ||
      v.text.find_first_not_of("0123456789") != std::string::npos) {
    throw Error(where, fmt::format("{}: a count must be a whole number", what));
  }
  return std::stoull(v.text);
}

std::uint64_t json_uint(const JsonValue& object, std::string_view name, const Location& where,
                        std::string_view what) {
  const JsonValue& v = member(object, name, JsonValue::Type::number, where, what, "a whole number");
  if (v.text.empty() || v.text.size() > 19 ||
      v.text.find_first_not_of("0123456789") != std::string::npos) {
    throw Error(where, fmt::format("{}: '{}' must be a whole number", what, name));
  }
  return std::stoull(v.text);
}

const std::string& json_string(const JsonValue& object, std::string_view name,
                               const Location& where, std::string_view what) {
  return member(object, name, JsonValue::Type::string, where, what, "a string").text;
}

const JsonValue& json_object(const JsonValue& object, std::string_view name, const Location& where,
                             std::string_view what) {
  return member(object, name, JsonValue::Type::object, where, what, "an object");
}

}  // namespace verbatim
