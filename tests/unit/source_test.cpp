#include "verbatim/source.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <vector>
#include "unit/temp_dir.hpp"

using namespace verbatim;
namespace fs = std::filesystem;

namespace {

std::string utf16(const std::u16string& s, bool big_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  };
  if (bom) put(0xFEFF);
  for (char16_t u : s)
    put(u);
  return out;
}

std::string error_of(std::string_view bytes, bool strict = false) {
  try {
    decode(bytes, "f.txt", {strict});
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("Clean UTF-8 is the file's bytes", "[source]") {
  const std::string s = "Enquêteur : l’IA, 76 %.\n";
  Decoded d = decode(s, "f.txt", {});
  CHECK(d.text == s);
  CHECK(d.encoding == Encoding::utf8);
  CHECK_FALSE(d.normalized);
  CHECK(d.warnings.empty());
}

TEST_CASE("BOM, CRLF and CR", "[source]") {
  Decoded d = decode("\xEF\xBB\xBFP01 : a\r\nP02 : b\rP03 : c\r\n", "f.txt", {});
  CHECK(d.encoding == Encoding::utf8_bom);
  CHECK(d.text == "P01 : a\nP02 : b\nP03 : c\n");
  CHECK(d.normalized);
}

TEST_CASE("NFD becomes NFC", "[source]") {
  Decoded d = decode("Cafe\xCC\x81 cre\xCC\x80me", "f.txt", {});
  CHECK(d.text == "Café crème");
  CHECK(d.normalized);
  CHECK(normalize_text("déjà") == "déjà");
}

TEST_CASE("Invalid UTF-8: Windows-1252 with a warning, or an error under --strict", "[source]") {
  Decoded d = decode(
      "abc\xE9"
      "def\n\x92\x80\x9C",
      "f.txt", {});
  CHECK(d.encoding == Encoding::windows1252);
  CHECK(d.text == "abcédef\n’€œ");
  REQUIRE(d.warnings.size() == 1);
  CHECK(format_diagnostic(d.warnings[0]) ==
        "f.txt:1:4 (byte 3): invalid UTF-8 (byte 0xE9); decoded as Windows-1252");
  CHECK(error_of("ok\nline two \xFF", true) ==
        "f.txt:2:10 (byte 12): invalid UTF-8 sequence (byte 0xFF)");
  // Undefined Windows-1252 bytes keep their C1 code point: nothing is lost.
  CHECK(decode("\x81", "f.txt", {}).text == "\xC2\x81");
  // With a BOM, offsets still count the file's bytes.
  CHECK(error_of("\xEF\xBB\xBF"
                 "ab\xC3",
                 true) == "f.txt:1:4 (byte 5): invalid UTF-8 sequence (byte 0xC3)");
}

TEST_CASE("find_invalid_utf8 rejects overlongs, surrogates and truncation", "[source]") {
  CHECK(find_invalid_utf8("plain ascii text, long enough for the fast path") ==
        std::string_view::npos);
  CHECK(find_invalid_utf8("é€😀") == std::string_view::npos);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);          // overlong '/'
  CHECK(find_invalid_utf8("ab\xED\xA0\x80") == 2);    // surrogate U+D800
  CHECK(find_invalid_utf8("abcdefgh\xE2\x82") == 8);  // truncated €
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(find_invalid_utf8("a\x80") == 1);             // lone continuation
}

TEST_CASE("UTF-16 with and without BOM", "[source]") {
  const std::u16string s = u"P01 : Très bien 😀\r\n";
  Decoded le = decode(utf16(s, false, true), "f.txt", {});
  CHECK(le.encoding == Encoding::utf16le);
  CHECK(le.text == "P01 : Très bien 😀\n");
  CHECK(le.warnings.empty());
  Decoded be = decode(utf16(s, true, true), "f.txt", {});
  CHECK(be.encoding == Encoding::utf16be);
  CHECK(be.text == le.text);
  Decoded guessed = decode(utf16(s, false, false), "f.txt", {});
  CHECK(guessed.encoding == Encoding::utf16le);
  CHECK(guessed.text == le.text);
  REQUIRE(guessed.warnings.size() == 1);
  CHECK(guessed.warnings[0].message ==
        "no byte-order mark; decoded as UTF-16LE from its NUL-byte pattern");
  CHECK(decode(utf16(s, true, false), "f.txt", {}).encoding == Encoding::utf16be);
}

TEST_CASE("Broken UTF-16 is an error with its byte offset", "[source]") {
  CHECK(error_of(std::string("\xFF\xFE"
                             "a\0b",
                             5)) == "f.txt (byte 4): truncated UTF-16: odd number of bytes");
  CHECK(error_of(utf16(u"a", false, true) + std::string("\x00\xD8"
                                                        "a\0",
                                                        4)) ==
        "f.txt (byte 4): invalid UTF-16: high surrogate without its low surrogate");
  CHECK(error_of(utf16(u"ab", false, true) + std::string("\x00\xDC", 2)) ==
        "f.txt (byte 6): invalid UTF-16: low surrogate without a high surrogate");
}

TEST_CASE("Binary files are skipped with a warning", "[source]") {
  Decoded d = decode(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "img.txt", {});
  CHECK(d.skipped);
  CHECK(d.encoding == Encoding::binary);
  CHECK(d.text.empty());
  REQUIRE(d.warnings.size() == 1);
  CHECK(format_diagnostic(d.warnings[0]) ==
        "img.txt:3:1 (byte 8): binary file (NUL byte), skipped");
}

TEST_CASE("scan_utf8 finds the first NUL and any CR, at every place in a 16-byte block",
          "[source]") {
  const std::string plain(40, 'a');
  CHECK(scan_utf8(plain).nul == std::string_view::npos);
  CHECK_FALSE(scan_utf8(plain).has_cr);
  for (std::size_t at = 0; at < plain.size(); ++at) {
    std::string s = plain;
    s[at] = '\0';
    if (at + 3 < s.size()) s[at + 3] = '\0';
    INFO("NUL at " << at);
    CHECK(scan_utf8(s).nul == at);
    CHECK(scan_utf8(s).invalid == std::string_view::npos);  // NUL is valid UTF-8
    s = plain;
    s[at] = '\r';
    CHECK(scan_utf8(s).has_cr);
    CHECK(scan_utf8(s).nul == std::string_view::npos);
  }
  // After an accented letter the fast path starts again and still sees them.
  CHECK(scan_utf8("é" + plain + "\r").has_cr);
  CHECK(scan_utf8("é" + plain + std::string(1, '\0')).nul == 2 + plain.size());
}

namespace {

// scan_utf8 one byte at a time: what the 16-byte blocks must agree with.
Utf8Scan scan_bytewise(std::string_view s) {
  Utf8Scan r;
  const auto byte = [&s](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = byte(i);
    const std::size_t len = c < 0x80                 ? 1
                            : c >= 0xC2 && c <= 0xDF ? 2
                            : c >= 0xE0 && c <= 0xEF ? 3
                            : c >= 0xF0 && c <= 0xF4 ? 4
                                                     : 0;
    if (len == 0 || i + len > s.size()) return r.invalid = i, r;
    std::uint32_t cp = len == 1 ? c : c & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return r.invalid = i, r;
      cp = cp << 6 | (byte(i + k) & 0x3Fu);
    }
    const std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return r.invalid = i, r;
    if (cp == 0 && r.nul == std::string_view::npos) r.nul = i;
    if (cp == '\r') r.has_cr = true;
    if (cp >= 0x300 && !(cp >= 0x2002 && cp <= 0x20BF)) r.may_need_nfc = true;
    i += len;
  }
  return r;
}

}  // namespace

TEST_CASE("scan_utf8 agrees with a byte-by-byte scan on random text", "[source][property]") {
  // Pieces that start, end and break the 16-byte blocks: ASCII, NUL, CR, letters of two bytes
  // below U+0300 and above (a combining accent), three and four bytes, and invalid sequences
  // (a lone continuation, a truncated lead, overlong forms, a surrogate, bytes never valid).
  const std::vector<std::string> pieces = {"a",
                                           "word ",
                                           std::string(1, '\0'),
                                           "\r",
                                           "\xC3\xA9",
                                           "\xC5\x93",
                                           "\xCB\x86",
                                           "\xCC\x81",
                                           "\xDF\xBF",
                                           "\xE2\x80\x99",
                                           "\xE2\x80\x80",
                                           "\xF0\x9F\x98\x80",
                                           "\x80",
                                           "\xC3",
                                           "\xC0\x80",
                                           "\xE0\x80\x80",
                                           "\xED\xA0\x80",
                                           "\xF5",
                                           "\xE2\x80"};
  std::mt19937 rng(20261202);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 60);
  std::bernoulli_distribution valid_only(0.5);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const bool clean = valid_only(rng);
    for (std::size_t k = length(rng); k > 0; --k) {
      const std::size_t j = piece(rng);
      if (clean && j >= 12) continue;
      s += pieces[j];
    }
    const Utf8Scan want = scan_bytewise(s), got = scan_utf8(s);
    INFO("round " << round << ", " << s.size() << " bytes");
    REQUIRE(got.invalid == want.invalid);
    REQUIRE(got.nul == want.nul);
    REQUIRE(got.has_cr == want.has_cr);
    REQUIRE(got.may_need_nfc == want.may_need_nfc);
  }
}

TEST_CASE("Decoding a file's own bytes gives what decoding a copy gives", "[source]") {
  const std::u16string u = u"P01 : Très bien, d’accord 😀\r\nP02 : oui\n";
  const std::vector<std::string> inputs = {
      "Enquêteur : l’IA, 76 %.\n",
      "a long enough line for the fast path\r\nand a second one\r",
      "\xEF\xBB\xBFP01 : a\r\nP02 : b\n",
      "Cafe\xCC\x81 cre\xCC\x80me, and more text after it\n",
      "abc\xE9"
      "def\n\x92\x80\x9C and a longer tail\n",
      utf16(u, false, true),
      utf16(u, true, true),
      utf16(u, false, false),
      utf16(u, true, false),
      std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16),
      std::string("text before a NUL byte, long enough\0after", 42),
      "",
  };
  for (const std::string& in : inputs) {
    INFO("input of " << in.size() << " bytes");
    const Decoded copy = decode(std::string_view(in), "f.txt", {});
    const Decoded own = decode(FileBytes::from_string(in), "f.txt", {});
    CHECK(own.text == copy.text);
    CHECK(own.encoding == copy.encoding);
    CHECK(own.skipped == copy.skipped);
    CHECK(own.normalized == copy.normalized);
    REQUIRE(own.warnings.size() == copy.warnings.size());
    for (std::size_t i = 0; i < own.warnings.size(); ++i)
      CHECK(format_diagnostic(own.warnings[i]) == format_diagnostic(copy.warnings[i]));
  }
  // A clean file keeps its bytes; a UTF-16 file with a BOM is decoded, not kept.
  CHECK(decode(FileBytes::from_string("P01 : oui\n"), "f.txt", {}).text == "P01 : oui\n");
  CHECK(decode(FileBytes::from_string(utf16(u"P01 : oui", false, true)), "f.txt", {}).text ==
        "P01 : oui");
}

TEST_CASE("encoding_name", "[source]") {
  CHECK(encoding_name(Encoding::utf8) == "utf-8");
  CHECK(encoding_name(Encoding::utf8_bom) == "utf-8-bom");
  CHECK(encoding_name(Encoding::utf16le) == "utf-16le");
  CHECK(encoding_name(Encoding::utf16be) == "utf-16be");
  CHECK(encoding_name(Encoding::windows1252) == "windows-1252");
  CHECK(encoding_name(Encoding::binary) == "binary");
}

TEST_CASE("FileBytes reads files whole, within a size limit", "[source]") {
  TempDir tmp;
  const fs::path& dir = tmp.path;
  const std::string small(100, 'a'), large(200000, 'b');
  tmp.write("small.txt", small);
  tmp.write("large.txt", large);
  FileBytes s = FileBytes::open((dir / "small.txt").string());
  CHECK(s.view() == small);
  FileBytes l = FileBytes::open((dir / "large.txt").string());
  CHECK(l.view() == large);
  FileBytes moved = std::move(l);
  CHECK(moved.view() == large);
  CHECK(FileBytes::from_string("xyz").view() == "xyz");
  CHECK(FileBytes::open((dir / "large.txt").string(), 200000).view().size() == 200000);
  try {
    FileBytes::open((dir / "large.txt").string(), 199999);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().message == "file is larger than the 199999 bytes limit (--max-file-size)");
  }
  CHECK(format_size(1ull << 30) == "1 GiB");
  CHECK(format_size(3ull << 20) == "3 MiB");
  CHECK(format_size(1536) == "1536 bytes");
  try {
    FileBytes::open(dir.string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().message == "is a folder, not a file");
  }
  try {
    FileBytes::open((dir / "absent.txt").string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().message == "cannot open: No such file or directory");
  }
}

TEST_CASE("may_need_nfc: the screen that spares ICU only passes text that is NFC", "[source]") {
  // Every code point the screen lets through is NFC on its own (quick check yes) and of
  // combining class 0, so no sequence of them can change under NFC.
  auto passes = [](UChar32 c) {
    std::string s;
    icu::UnicodeString(c).toUTF8String(s);
    return !may_need_nfc("x" + s + "y");
  };
  std::size_t passed = 0;
  for (UChar32 c = 1; c < 0x3000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    if (!passes(c)) continue;
    ++passed;
    INFO("U+" << std::hex << c);
    REQUIRE(u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES);
    REQUIRE(u_getCombiningClass(c) == 0);
  }
  CHECK(passed == 0x300 - 1 + (0x20C0 - 0x2002));
  CHECK_FALSE(may_need_nfc("Les élèves ont dit « d’accord » — voilà…\u00a0!"));
  CHECK(may_need_nfc("e\u0301"));                             // a combining accent
  CHECK(may_need_nfc("\u2000"));                              // en quad: a singleton decomposition
  CHECK(may_need_nfc("\u212b"));                              // angstrom sign
  CHECK(may_need_nfc(std::string(9, 'a') + "\xea\xb0\x80"));  // Hangul, after 8 ASCII bytes
  CHECK(normalize_text("e\u0301t\u00e9") == "\u00e9t\u00e9");
}
