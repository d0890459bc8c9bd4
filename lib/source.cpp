#include "verbatim/source.hpp"

#include <emmintrin.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace verbatim {

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::utf8_bom:
      return "utf-8-bom";
    case Encoding::utf16le:
      return "utf-16le";
    case Encoding::utf16be:
      return "utf-16be";
    case Encoding::windows1252:
      return "windows-1252";
    case Encoding::binary:
      return "binary";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------------
// FileBytes

namespace {

[[noreturn]] void throw_errno(const std::string& path, const char* what) {
  throw Error(Location{path, 0, 0, std::nullopt},
              fmt::format("{}: {}", what, std::strerror(errno)));
}

[[noreturn]] void throw_too_large(const std::string& path, std::uint64_t max_bytes) {
  throw Error(
      Location{path, 0, 0, std::nullopt},
      fmt::format("file is larger than the {} limit (--max-file-size)", format_size(max_bytes)));
}

// Reads to the end of the file (it may have grown since fstat) into `buf`, `expected` bytes
// allocated first.
void read_all_fd(int fd, const std::string& name, std::size_t expected, std::uint64_t max_bytes,
                 std::string& buf) {
  buf.resize(expected + 1);  // one more, to see the end of the file in the first read
  std::size_t have = 0;
  for (;;) {
    if (have == buf.size()) buf.resize(std::max<std::size_t>(buf.size() * 2, 65536));
    ssize_t n = ::read(fd, buf.data() + have, buf.size() - have);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno(name, "cannot read");
    }
    have += static_cast<std::size_t>(n);
    if (have > max_bytes) throw_too_large(name, max_bytes);
  }
  buf.resize(have);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { ::close(fd_); }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string format_size(std::uint64_t bytes) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) return fmt::format("{} GiB", bytes >> 30);
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  if (bytes >= (1ull << 10) && bytes % (1ull << 10) == 0) return fmt::format("{} KiB", bytes >> 10);
  return fmt::format("{} bytes", bytes);
}

FileBytes FileBytes::open(const std::string& path, std::uint64_t max_bytes) {
  const int raw = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (raw < 0) throw_errno(path, "cannot open");
  Fd fd(raw);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_errno(path, "cannot stat");
  if (S_ISDIR(st.st_mode))
    throw Error(Location{path, 0, 0, std::nullopt}, "is a folder, not a file");
  std::size_t expected = 0;
  if (S_ISREG(st.st_mode)) {
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) throw_too_large(path, max_bytes);
    expected = static_cast<std::size_t>(st.st_size);
  }
  FileBytes fb;
  read_all_fd(fd.get(), path, expected, max_bytes, fb.data_);
  return fb;
}

FileBytes FileBytes::read_stdin(std::uint64_t max_bytes) {
  FileBytes fb;
  read_all_fd(0, "<stdin>", 0, max_bytes, fb.data_);
  return fb;
}

FileBytes FileBytes::from_string(std::string bytes) {
  FileBytes fb;
  fb.data_ = std::move(bytes);
  return fb;
}

// ---------------------------------------------------------------------------------------------
// Decoding

Utf8Scan scan_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  Utf8Scan r;
  std::size_t i = 0;
  const __m128i nul = _mm_setzero_si128(), cr = _mm_set1_epi8('\r');
  // As signed bytes: leads C2-CB (two-byte characters below U+0300) lie between the first two,
  // continuation bytes 80-BF below the third.
  const __m128i lead_above = _mm_set1_epi8(static_cast<char>(0xC1));
  const __m128i lead_below = _mm_set1_epi8(static_cast<char>(0xCC));
  const __m128i cont_below = _mm_set1_epi8(static_cast<char>(0xC0));
  while (i < n) {
    // Sixteen bytes at a time, without a branch on each accented letter, while the text is
    // ASCII without NUL and two-byte characters below U+0300 (French letters: valid, and
    // unchanged by NFC). A block passes when each continuation byte follows a lead and each
    // lead is followed by one; a lead in its last byte starts the next block. Else the bytes
    // up to the first that fails pass, and that character is checked on its own.
    std::size_t scalar_end = n;
    __m128i crs = _mm_setzero_si128();
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i lead =
          _mm_and_si128(_mm_cmpgt_epi8(v, lead_above), _mm_cmplt_epi8(v, lead_below));
      const __m128i cont = _mm_cmplt_epi8(v, cont_below);
      const __m128i other_high = _mm_andnot_si128(_mm_or_si128(lead, cont), _mm_cmplt_epi8(v, nul));
      const __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nul), other_high),
                                       _mm_xor_si128(cont, _mm_slli_si128(lead, 1)));
      if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(bad))) {
        auto at = static_cast<unsigned>(__builtin_ctz(m));
        // A lead whose next byte fails is where its character starts.
        if (at > 0 && (static_cast<unsigned>(_mm_movemask_epi8(lead)) >> (at - 1)) & 1u) --at;
        r.has_cr = r.has_cr || (_mm_movemask_epi8(_mm_cmpeq_epi8(v, cr)) & ((1u << at) - 1));
        i += at;
        scalar_end = i + 1;
        break;
      }
      crs = _mm_or_si128(crs, _mm_cmpeq_epi8(v, cr));
      // A branch, not a select: the next load's address then waits for no compare.
      if (__builtin_expect(static_cast<unsigned char>(p[i + 15] - 0xC2) < 10, 0)) {
        i += 15;
      } else {
        i += 16;
      }
    }
    r.has_cr = r.has_cr || _mm_movemask_epi8(crs) != 0;
    while (i < scalar_end) {
      const unsigned char c = p[i];
      if (c < 0x80) {
        if (c == 0 && r.nul == std::string_view::npos) r.nul = i;
        r.has_cr = r.has_cr || c == '\r';
        ++i;
        continue;
      }
      if (c >= 0xC2 && c <= 0xDF) {
        if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return r.invalid = i, r;
        // Below U+0300 every character is NFC and of combining class 0.
        r.may_need_nfc = r.may_need_nfc || c >= 0xCC;
        i += 2;
        continue;
      }
      std::size_t len;
      std::uint32_t min;
      if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000;
      } else {
        return r.invalid = i, r;
      }
      if (i + len > n) return r.invalid = i, r;
      std::uint32_t cp = c & (0xFF >> (len + 1));
      for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) return r.invalid = i, r;
        cp = (cp << 6) | (p[i + k] & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return r.invalid = i, r;
      // U+2002-U+20BF (punctuation, currency) are NFC and of class 0; U+2000 and U+2001
      // decompose to U+2002 and U+2003.
      if (!(cp >= 0x2002 && cp <= 0x20BF)) r.may_need_nfc = true;
      i += len;
    }
  }
  return r;
}

std::size_t find_invalid_utf8(std::string_view s) {
  return scan_utf8(s).invalid;
}

bool may_need_nfc(std::string_view text) {
  return scan_utf8(text).may_need_nfc;
}

namespace {

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(buf, len, 4, c, err);
  (void)err;  // code points here are always valid scalar values
  out.append(buf, static_cast<std::size_t>(len));
}

// Windows-1252 bytes 0x80-0x9F; the five undefined bytes map to the C1 code points, as the
// WHATWG Encoding Standard does, so no byte is lost.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string decode_cp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (c < 0xA0) {
      append_utf8(out, kCp1252High[c - 0x80]);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::string decode_utf16(std::string_view bytes, bool big_endian, std::size_t skip,
                         std::string_view name) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  if ((n - skip) % 2 != 0) {
    throw Error(Location{std::string(name), 0, 0, n - 1}, "truncated UTF-16: odd number of bytes");
  }
  auto unit = [&](std::size_t i) -> char16_t {
    return big_endian ? static_cast<char16_t>(p[i] << 8 | p[i + 1])
                      : static_cast<char16_t>(p[i + 1] << 8 | p[i]);
  };
  std::string out;
  out.reserve((n - skip) / 2 * 3 / 2);
  for (std::size_t i = skip; i < n; i += 2) {
    char16_t u = unit(i);
    UChar32 c = u;
    if (U16_IS_LEAD(u)) {
      if (i + 3 < n + 0 && U16_IS_TRAIL(unit(i + 2))) {
        c = U16_GET_SUPPLEMENTARY(u, unit(i + 2));
        i += 2;
      } else {
        throw Error(Location{std::string(name), 0, 0, i},
                    "invalid UTF-16: high surrogate without its low surrogate");
      }
    } else if (U16_IS_TRAIL(u)) {
      throw Error(Location{std::string(name), 0, 0, i},
                  "invalid UTF-16: low surrogate without a high surrogate");
    }
    append_utf8(out, c);
  }
  return out;
}

// UTF-16 text without a BOM shows NUL in every other byte (for Latin text): count NULs at
// even and odd positions of the first 4 KiB.
std::optional<bool> utf16_pattern(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size() & ~std::size_t{1}, 4096);
  if (n < 4) return std::nullopt;
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even += bytes[i] == '\0';
    odd += bytes[i + 1] == '\0';
  }
  const std::size_t pairs = n / 2;
  if (odd * 10 >= pairs * 7 && even * 10 <= pairs) return false;  // little-endian
  if (even * 10 >= pairs * 7 && odd * 10 <= pairs) return true;   // big-endian
  return std::nullopt;
}

}  // namespace

namespace {

// normalize_text() once the text is known to be valid UTF-8, whether it has a CR and whether
// NFC may change it. `owned`, when given, holds the same bytes as `utf8` and is moved into the
// result when no CR needs mapping.
std::string normalize_scanned(std::string_view utf8, std::string* owned, bool has_cr,
                              bool nfc_check, bool* changed) {
  std::string text;
  if (has_cr) {
    text.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      if (utf8[i] == '\r') {
        text.push_back('\n');
        if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
      } else {
        text.push_back(utf8[i]);
      }
    }
  } else if (owned) {
    text = std::move(*owned);
  } else {
    text.assign(utf8);
  }
  bool nfc_changed = false;
  if (nfc_check) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status) && !nfc->isNormalizedUTF8(text, status) && U_SUCCESS(status)) {
      std::string out;
      out.reserve(text.size());
      icu::StringByteSink<std::string> sink(&out);
      nfc->normalizeUTF8(0, text, sink, nullptr, status);
      if (U_SUCCESS(status)) {
        text = std::move(out);
        nfc_changed = true;
      }
    }
  }
  if (changed) *changed = has_cr || nfc_changed;
  return text;
}

// decode(); `owned`, when given, holds `bytes` and may be moved into the text.
Decoded decode_bytes(std::string_view bytes, std::string* owned, std::string_view name,
                     const DecodeOptions& opts) {
  Decoded d;
  const std::string_view raw = bytes;
  auto warn = [&](std::uint64_t byte, std::string msg) {
    Location where = locate(name, raw, byte);
    d.warnings.push_back({Severity::warning, std::move(where), std::move(msg)});
  };
  auto u8 = [](const char* s) { return std::string_view(s); };
  std::string utf8;
  Utf8Scan scan;  // of the file's UTF-8 bytes; of `utf8` once they are decoded
  if (bytes.starts_with(u8("\xEF\xBB\xBF"))) {
    d.encoding = Encoding::utf8_bom;
    bytes.remove_prefix(3);
    scan = scan_utf8(bytes);
  } else if (bytes.starts_with(u8("\xFF\xFE"))) {
    d.encoding = Encoding::utf16le;
    utf8 = decode_utf16(bytes, false, 2, name);
  } else if (bytes.starts_with(u8("\xFE\xFF"))) {
    d.encoding = Encoding::utf16be;
    utf8 = decode_utf16(bytes, true, 2, name);
  } else {
    // One pass finds the first NUL along with the UTF-8 check; past an invalid byte, the NUL
    // is looked for on its own.
    scan = scan_utf8(bytes);
    std::size_t nul = scan.nul;
    if (nul == std::string_view::npos && scan.invalid != std::string_view::npos)
      nul = bytes.find('\0', scan.invalid);
    if (nul != std::string_view::npos) {
      if (auto be = utf16_pattern(bytes)) {
        d.encoding = *be ? Encoding::utf16be : Encoding::utf16le;
        utf8 = decode_utf16(bytes, *be, 0, name);
        warn(0, fmt::format("no byte-order mark; decoded as {} from its NUL-byte pattern",
                            *be ? "UTF-16BE" : "UTF-16LE"));
      } else {
        d.encoding = Encoding::binary;
        d.skipped = true;
        warn(nul, "binary file (NUL byte), skipped");
        return d;
      }
    }
  }
  const bool is_utf16 = d.encoding == Encoding::utf16le || d.encoding == Encoding::utf16be;
  std::string_view text = is_utf16 ? std::string_view(utf8) : bytes;
  if (is_utf16) {
    scan = scan_utf8(text);
  } else if (const std::size_t bad = scan.invalid; bad != std::string_view::npos) {
    const std::uint64_t off = bad + (d.encoding == Encoding::utf8_bom ? 3 : 0);
    if (opts.strict) {
      Location where = locate(name, raw, off);
      throw Error(where, fmt::format("invalid UTF-8 sequence (byte 0x{:02X})",
                                     static_cast<unsigned char>(text[bad])));
    }
    warn(off, fmt::format("invalid UTF-8 (byte 0x{:02X}); decoded as Windows-1252",
                          static_cast<unsigned char>(text[bad])));
    d.encoding = Encoding::windows1252;
    utf8 = decode_cp1252(text);
    text = utf8;
    scan = scan_utf8(text);
  }
  // The owned bytes are the text only when nothing was removed or decoded.
  if (text.data() != raw.data() || text.size() != raw.size()) owned = nullptr;
  d.text = normalize_scanned(text, owned, scan.has_cr, scan.may_need_nfc, &d.normalized);
  return d;
}

}  // namespace

std::string normalize_text(std::string_view utf8, bool* changed) {
  const Utf8Scan scan = scan_utf8(utf8);
  return normalize_scanned(utf8, nullptr, scan.has_cr, scan.may_need_nfc, changed);
}

Decoded decode(std::string_view bytes, std::string_view name, const DecodeOptions& opts) {
  return decode_bytes(bytes, nullptr, name, opts);
}

Decoded decode(FileBytes&& bytes, std::string_view name, const DecodeOptions& opts) {
  std::string owned = std::move(bytes).release();
  return decode_bytes(owned, &owned, name, opts);
}

}  // namespace verbatim
