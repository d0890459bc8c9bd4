// French and English tokenization: a hand-written UTF-8 scanner with an ASCII fast path.
#include "verbatim/tokenizer.hpp"

#include "verbatim/normalize.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace verbatim {

std::string_view token_kind_name(TokenKind k) {
  switch (k) {
    case TokenKind::word:
      return "word";
    case TokenKind::number:
      return "number";
    case TokenKind::url:
      return "url";
    case TokenKind::email:
      return "email";
    case TokenKind::mention:
      return "mention";
    case TokenKind::hashtag:
      return "hashtag";
  }
  return "word";
}

namespace {

// ---------------------------------------------------------------------------------------------
// Character classes

enum Class : std::uint8_t { kOther = 0, kAlpha = 1, kDigit = 2, kApos = 3, kHyphen = 4 };

struct AsciiTable {
  std::array<std::uint8_t, 128> c{};
  constexpr AsciiTable() {
    for (int i = 'a'; i <= 'z'; ++i)
      c[i] = kAlpha;
    for (int i = 'A'; i <= 'Z'; ++i)
      c[i] = kAlpha;
    for (int i = '0'; i <= '9'; ++i)
      c[i] = kDigit;
    c['\''] = kApos;
    c['-'] = kHyphen;
  }
};
constexpr AsciiTable kAscii;

// ASCII letters and digits, over all 256 byte values (a byte of 0x80 or more is not one).
struct AsciiAlnumTable {
  std::array<bool, 256> c{};
  constexpr AsciiAlnumTable() {
    for (int i = 0; i < 128; ++i)
      c[i] = AsciiTable().c[i] == kAlpha || AsciiTable().c[i] == kDigit;
  }
};
constexpr AsciiAlnumTable kAsciiAlnum;

// The end of the run of ASCII letters and digits from p[i], at most `end`. Sixteen bytes at a
// time while they may be read (`limit`: the end of the readable text), so that a word costs one
// compare and one count of trailing ones instead of a branch per byte.
inline std::uint32_t ascii_alnum_end(const char* p, std::uint32_t i, std::uint32_t end,
                                     std::size_t limit) {
#if defined(__SSE2__)
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i to_alpha = _mm_set1_epi8(static_cast<char>(0x80 - 'a'));
  const __m128i alpha_top = _mm_set1_epi8(static_cast<char>(-128 + 26));
  const __m128i to_digit = _mm_set1_epi8(static_cast<char>(0x80 - '0'));
  const __m128i digit_top = _mm_set1_epi8(static_cast<char>(-128 + 10));
  while (i + 16 <= limit) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Letters: (v | 0x20) in a..z; digits: v in 0..9; both by a signed compare after a shift.
    const __m128i alpha =
        _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, case_bit), to_alpha), alpha_top);
    const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, to_digit), digit_top);
    const auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(alpha, digit)));
    if (mask != 0xffffu) {
      i += static_cast<std::uint32_t>(__builtin_ctz(~mask));
      return i < end ? i : end;
    }
    i += 16;
    if (i >= end) return end;
  }
#else
  (void)limit;
#endif
  while (i < end && kAsciiAlnum.c[static_cast<unsigned char>(p[i])])
    ++i;
  return i;
}

#if defined(__SSE2__)
// The bytes of 64 bytes of text, one bit each (bit i: byte i), as the block path of the scanner
// sees them. Letters are ASCII letters and digits and the two-byte letters French needs most
// (U+00C0-U+00FF but × ÷, and Œ œ); `gap` bytes are those the scanner passes over between
// words without looking further: ASCII that is neither a letter, a digit nor a sigil, and the
// two- and three-byte punctuation of French text (U+00A0-U+00BF but ª µ º, and U+2000-U+203F:
// no-break and thin spaces, « », dashes, quotes, the ellipsis). Anything else (other letters,
// other scripts, ° and · which may belong to a word, @ # ~) is `other` and goes to the
// per-character scanner. A sequence cut by the
// block's end may be misread in its last three bytes; the caller never decides on them.
struct Block64 {
  std::uint64_t letter = 0, digit = 0, other = 0;
  std::uint64_t plain_high = 0;  // first bytes of U+00A0-U+00BF but ª µ º ° ·, and of × ÷ (a
                                 // plain word's end, as an ASCII space is)
};

inline Block64 classify64(const char* p) {
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i to_alpha = _mm_set1_epi8(static_cast<char>(0x80 - 'a'));
  const __m128i alpha_top = _mm_set1_epi8(static_cast<char>(-128 + 26));
  const __m128i to_digit = _mm_set1_epi8(static_cast<char>(0x80 - '0'));
  const __m128i digit_top = _mm_set1_epi8(static_cast<char>(-128 + 10));
  auto eq = [](__m128i v, unsigned char c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)));
  };
  auto bits = [](__m128i m, int at) {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(m))) << at;
  };
  std::uint64_t alnum = 0, digit = 0, high = 0, sigil = 0, c2 = 0, c3 = 0, c5 = 0, e2 = 0, x80 = 0,
                cont = 0, not_letter_after_c3 = 0, letter_after_c2 = 0, oe = 0;
  for (int at = 0; at < 64; at += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
    const __m128i a = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, case_bit), to_alpha), alpha_top);
    const __m128i d = _mm_cmplt_epi8(_mm_add_epi8(v, to_digit), digit_top);
    alnum |= bits(_mm_or_si128(a, d), at);
    digit |= bits(d, at);
    high |= bits(v, at);
    sigil |= bits(_mm_or_si128(_mm_or_si128(eq(v, '@'), eq(v, '#')), eq(v, '~')), at);
    if (!_mm_movemask_epi8(v)) continue;  // ASCII alone: no lead byte to tell apart
    c2 |= bits(eq(v, 0xC2), at);
    c3 |= bits(eq(v, 0xC3), at);
    c5 |= bits(eq(v, 0xC5), at);
    e2 |= bits(eq(v, 0xE2), at);
    x80 |= bits(eq(v, 0x80), at);
    // Continuation bytes 80-BF, below C0 as signed bytes: a lead byte followed by anything
    // else is no character (in text not known to be valid UTF-8).
    cont |= bits(_mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(0xC0))), at);
    not_letter_after_c3 |= bits(_mm_or_si128(eq(v, 0x97), eq(v, 0xB7)), at);  // × ÷
    // ª µ º are letters; ° (n°, °C) and · (étudiant·e·s) may belong to a word.
    letter_after_c2 |= bits(_mm_or_si128(_mm_or_si128(_mm_or_si128(eq(v, 0xAA), eq(v, 0xB5)),
                                                      _mm_or_si128(eq(v, 0xBA), eq(v, 0xB0))),
                                         eq(v, 0xB7)),
                            at);
    oe |= bits(_mm_or_si128(eq(v, 0x92), eq(v, 0x93)), at);  // after C5: Œ œ
  }
  const std::uint64_t latin = c3 & (cont >> 1) & ~(not_letter_after_c3 >> 1);
  const std::uint64_t ligature = c5 & (oe >> 1);
  const std::uint64_t letters2 = latin | latin << 1 | ligature | ligature << 1;
  const std::uint64_t signs = c3 & (not_letter_after_c3 >> 1);
  const std::uint64_t latin1_punct = c2 & (cont >> 1) & ~(letter_after_c2 >> 1);
  const std::uint64_t general_punct = e2 & (x80 >> 1) & (cont >> 2);
  const std::uint64_t punct = signs | signs << 1 | latin1_punct | latin1_punct << 1 |
                              general_punct | general_punct << 1 | general_punct << 2;
  Block64 b;
  b.letter = alnum | letters2;
  b.digit = digit;
  b.other = (high & ~letters2 & ~punct) | sigil;
  b.plain_high = (signs | latin1_punct) & ~(1ull << 63);  // the last byte's pair is cut
  return b;
}
#endif

// ASCII bytes that end a plain word as they stand: not a letter or digit, nor an apostrophe,
// hyphen, period, a character an address, a URL or a truncation may go on with, nor the
// parenthesis of French inclusive writing (`élu(e)s`).
struct PlainEndTable {
  std::array<bool, 256> c{};
  constexpr PlainEndTable() {
    for (int i = 0; i < 128; ++i)
      c[i] = !(AsciiTable().c[i] == kAlpha || AsciiTable().c[i] == kDigit);
    for (unsigned char x : {'\'', '-', '.', '~', '&', '@', '_', '%', '+', ':', '('})
      c[x] = false;
  }
};
constexpr PlainEndTable kPlainEnd;

// What an ASCII byte does where no token is open: starts a word or number, is skipped (spaces,
// punctuation, apostrophes and hyphens between words), or may start a mention, a hashtag or a
// word with a truncation mark.
enum Start : std::uint8_t { kSkip = 0, kWordStart = 1, kSigil = 2 };
struct StartTable {
  std::array<std::uint8_t, 128> c{};
  constexpr StartTable() {
    for (int i = 0; i < 128; ++i) {
      const std::uint8_t k = AsciiTable().c[i];
      c[i] = k == kAlpha || k == kDigit ? kWordStart : kSkip;
    }
    c['@'] = c['#'] = c['~'] = kSigil;
  }
};
constexpr StartTable kStart;

// Characters of an e-mail address's local part.
struct EmailTable {
  std::array<bool, 256> c{};
  constexpr EmailTable() {
    for (int i = 0; i < 128; ++i)
      c[i] = AsciiTable().c[i] == kAlpha || AsciiTable().c[i] == kDigit;
    c['.'] = c['_'] = c['%'] = c['+'] = c['-'] = true;
  }
};
constexpr EmailTable kEmailLocal;

// Letters, marks and digits of Latin-1 Supplement to Latin Extended-B, computed once.
struct LatinTable {
  std::array<std::uint8_t, 0x250> c{};
  LatinTable() {
    for (UChar32 u = 0x80; u < 0x250; ++u) {
      const auto mask = U_GET_GC_MASK(u);
      if (mask & U_GC_ND_MASK) {
        c[u] = kDigit;
      } else if (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_NL_MASK | U_GC_NO_MASK)) {
        c[u] = kAlpha;
      }
    }
    c[0xAA] = c[0xBA] = kAlpha;                                          // ª º
    c[0xB2] = c[0xB3] = c[0xB9] = c[0xBC] = c[0xBD] = c[0xBE] = kOther;  // ² ³ ¹ ¼ ½ ¾
  }
};

const LatinTable kLatin;  // built once at start-up, read without a guard afterwards

std::uint8_t class_of(UChar32 c) {
  if (c < 0x80) return c >= 0 ? kAscii.c[c] : static_cast<std::uint8_t>(kOther);
  if (c < 0x250) return kLatin.c[c];
  if (is_apostrophe(static_cast<char32_t>(c))) return kApos;  // normalize.hpp decides
  if (is_hyphen(static_cast<char32_t>(c))) return kHyphen;
  const auto mask = U_GET_GC_MASK(c);
  if (mask & U_GC_ND_MASK) return kDigit;
  if (mask & (U_GC_L_MASK | U_GC_M_MASK)) return kAlpha;
  return kOther;
}

// A decoded code point at a byte offset.
struct Cp {
  UChar32 c;
  std::uint32_t len;
};

inline Cp decode_at(std::string_view s, std::uint32_t i, std::uint32_t end) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), j, static_cast<int32_t>(end), c);
  return {c, static_cast<std::uint32_t>(j - static_cast<int32_t>(i))};
}

inline std::uint8_t class_at(std::string_view s, std::uint32_t i, std::uint32_t end) {
  if (i >= end) return kOther;
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return kAscii.c[b];
  return class_of(decode_at(s, i, end).c);
}

inline bool is_alnum_class(std::uint8_t k) {
  return k == kAlpha || k == kDigit;
}

// Grouping space inside a number: space, NBSP, narrow NBSP, thin space.
inline std::uint32_t group_space_len(std::string_view s, std::uint32_t i, std::uint32_t end) {
  if (i >= end) return 0;
  if (s[i] == ' ') return 1;
  if (i + 2 <= end && s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (i + 3 <= end &&
      (s.compare(i, 3, "\xE2\x80\xAF") == 0 || s.compare(i, 3, "\xE2\x80\x89") == 0)) {
    return 3;
  }
  return 0;
}

// Lowercases a short ASCII word into `buf` (capacity 16) without allocating; an empty view
// when it does not fit, so a long word never matches a short list entry.
std::string_view lower16(std::string_view s, char* buf) {
  if (s.size() > 16) return {};
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return {buf, s.size()};
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

bool ascii_istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}

template <std::size_t N>
bool in_list(const std::string_view (&list)[N], std::string_view lower) {
  return std::find(std::begin(list), std::end(list), lower) != std::end(list);
}

// An ASCII string of up to 8 bytes, lowercased, as a little-endian integer (0-padded).
constexpr std::uint64_t pack_lower(std::string_view s) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < s.size() && i < 8; ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] + 32) : s[i];
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(c)) << (8 * i);
  }
  return v;
}

// The ASCII words of a list (up to 64) of up to 8 bytes, packed, in a hash table of 128 slots
// built at compile time: a lookup is a multiply and one or two integer compares.
struct PackedList {
  std::array<std::uint64_t, 128> slot{};  // 0: empty (no word packs to 0)
  static constexpr std::size_t at(std::uint64_t x) { return (x * 0x9E3779B97F4A7C15ull) >> 57; }
  template <std::size_t N>
  constexpr explicit PackedList(const std::string_view (&list)[N]) {
    static_assert(N <= 64);
    for (std::string_view w : list) {
      bool ascii = !w.empty() && w.size() <= 8;
      for (char c : w)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
      if (!ascii) continue;
      std::size_t i = at(pack_lower(w));
      while (slot[i] != 0 && slot[i] != pack_lower(w))
        i = (i + 1) & 127;
      slot[i] = pack_lower(w);
    }
  }
  constexpr bool contains(std::uint64_t x) const {
    for (std::size_t i = at(x); slot[i] != 0; i = (i + 1) & 127) {
      if (slot[i] == x) return true;
    }
    return false;
  }
};

// ---------------------------------------------------------------------------------------------
// Word lists

constexpr std::string_view kElision[] = {"l", "d",  "j",     "m",      "n",      "s",     "t",
                                         "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};

// French clitics after a verb ("dit-il", "est-ce") and "-là" after a noun are their own
// tokens in the French UD treebanks; the hyphen goes with the clitic.
constexpr std::string_view kFrenchClitics[] = {
    "je", "tu",  "il",  "elle", "on", "nous", "vous", "ils",  "elles", "ce",   "là",     "y",
    "en", "moi", "toi", "lui",  "le", "la",   "les",  "leur", "leurs", "t-il", "t-elle", "t-on"};

// French compounds that the clitic and elision rules would cut, kept whole as one word of the
// dictionary (`rendez-vous` is a noun, not `rendez` + `-vous` as `dites-vous`), with their
// plurals and the `oe` spelling; matched in any case of their ASCII letters, with ' or ’.
constexpr std::string_view kFrenchCompounds[] = {
    "rendez-vous",    "m'as-tu-vu",     "qu'en-dira-t-on", "main-d'œuvre",  "mains-d'œuvre",
    "main-d'oeuvre",  "mains-d'oeuvre", "chef-d'œuvre",    "chefs-d'œuvre", "chef-d'oeuvre",
    "chefs-d'oeuvre", "hors-d'œuvre",   "hors-d'oeuvre",   "jusque-là",     "chez-moi",
    "chez-toi",       "chez-soi",       "chez-lui",        "chez-nous",     "chez-vous"};

// The suffixes of French inclusive writing after a hyphen (`participant-e-s`, `acteur-rice-s`).
constexpr std::string_view kInclusiveSuffixes[] = {
    "e",      "es",   "ne",    "nes", "se",  "ses", "rice", "rices", "trice",
    "trices", "euse", "euses", "ve",  "ves", "te",  "tes",  "s",     "x"};

// The first bytes of kFrenchCompounds in either case: only a word starting with one is looked
// up there.
struct CompoundStartTable {
  std::array<bool, 256> c{};
  constexpr CompoundStartTable() {
    for (std::string_view w : kFrenchCompounds) {
      c[static_cast<unsigned char>(w[0])] = true;
      c[static_cast<unsigned char>(w[0] - 32)] = true;
    }
  }
};
constexpr CompoundStartTable kCompoundStart;

// English bound prefixes that keep their hyphen ("e-mail", "co-founder").
constexpr std::string_view kBoundPrefixes[] = {
    "e",   "co",    "re",    "non",   "pre",  "post",    "anti",   "pro",   "semi",  "multi",
    "ex",  "sub",   "inter", "intra", "mid",  "counter", "un",     "bi",    "tri",   "de",
    "mis", "micro", "macro", "mega",  "mini", "neo",     "pseudo", "quasi", "ultra", "vice"};

constexpr std::string_view kFrenchAbbrev[] = {
    "m.",  "mm.",   "mme.",  "mmes.", "mlle.", "mlles.", "dr.",   "pr.",  "me.",   "mgr.",
    "st.", "ste.",  "cf.",   "p.",    "pp.",   "etc.",   "env.",  "av.",  "apr.",  "vol.",
    "ex.", "éd.",   "chap.", "fig.",  "art.",  "min.",   "max.",  "hab.", "tél.",  "cie.",
    "bd.", "ibid.", "op.",   "cit.",  "ca.",   "ss.",    "coll.", "dir.", "trad.", "éds."};

constexpr std::string_view kEnglishAbbrev[] = {
    "mr.",  "mrs.", "ms.",     "dr.",   "prof.", "sr.",   "jr.",  "st.",  "mt.",
    "vs.",  "etc.", "inc.",    "ltd.",  "co.",   "corp.", "jan.", "feb.", "mar.",
    "apr.", "jun.", "jul.",    "aug.",  "sep.",  "sept.", "oct.", "nov.", "dec.",
    "no.",  "nos.", "approx.", "dept.", "est.",  "fig.",  "gen.", "gov.", "col.",
    "lt.",  "sgt.", "rev.",    "ave.",  "blvd.", "cf.",   "al.",  "vol.", "pp."};

// ---------------------------------------------------------------------------------------------
// The scanner

class Scanner {
 public:
  Scanner(std::string_view text, Span range, const TokenizerOptions& opts, std::vector<Token>& out)
      : s_(text), begin_(range.begin), end_(range.end), pos_(range.begin), opts_(opts), out_(out) {
    split_hyphens_ = opts.hyphens == HyphenMode::split ||
                     (opts.hyphens == HyphenMode::language && opts.language == Language::en);
    compounds_ = opts.language == Language::fr && opts.hyphens != HyphenMode::split;
  }

  void run() {
    std::uint32_t i = pos_;
    while (i < end_) {
#if defined(__SSE2__)
      if (opts_.fast_path && i + 64 <= s_.size()) {
        i = plain_words(i);  // 64 bytes at a time
        continue;
      }
#endif
      i = step(i);
    }
    pos_ = i;
  }

 private:
  std::string_view s_;
  std::uint32_t begin_;
  std::uint32_t end_;
  std::uint32_t pos_;
  const TokenizerOptions& opts_;
  std::vector<Token>& out_;
  bool split_hyphens_ = false;
  bool compounds_ = false;  // French compounds are kept whole (see compound_len)

  // One step of the per-character scanner at `i`, outside any token: passes a separator, or
  // reads the token that starts there. Returns where the next step starts, past `i`.
  std::uint32_t step(std::uint32_t i) {
    const auto b = static_cast<unsigned char>(s_[i]);
    std::uint8_t k;
    std::uint32_t len = 1;
    if (b < 0x80) {
      switch (kStart.c[b]) {
        case kSkip:
          return i + 1;
        case kSigil:
          pos_ = i;
          other(b);
          return pos_;
        default:
          k = kAscii.c[b];
      }
    } else {
      const Cp cp = decode_at(s_, i, end_);
      len = cp.len;
      k = class_of(cp.c);
      if (cp.c == 0xB0) return degree(i);
    }
    if (!is_alnum_class(k)) return i + len;
    if (k == kAlpha && opts_.fast_path) {
      if (const std::uint32_t e = plain_word_end(i, len)) {
        out_.push_back({word_begin(i, e), e, TokenKind::word});
        return e;
      }
    }
    return general_word(i);
  }

  // The token at `i` (a letter or digit) by the general rules: a URL, a number, an address or
  // a word with its apostrophes, hyphens and periods. Returns its end.
  std::uint32_t general_word(std::uint32_t i) {
    pos_ = i;
    const char b = s_[i];
    if (!((b == 'h' || b == 'H' || b == 'w' || b == 'W') && url())) word();
    return pos_;
  }

  // '@', '#' or '~' at pos_: a mention, a hashtag, a word with a leading truncation mark, or a
  // separator.
  void other(unsigned char b) {
    if ((b == '@' || b == '#') && special(b)) return;
    if (b == '~' && alpha_at(pos_ + 1) && !prev_is_alnum(pos_)) {
      const std::uint32_t start = pos_++;
      const std::size_t first = out_.size();
      word();
      if (out_.size() > first) out_[first].begin = start;  // "~enfin": the mark starts it
      return;
    }
    ++pos_;
  }

#if defined(__SSE2__)
  // The tokens of the 64 bytes from `b` (outside any token, on a character's first byte; 64
  // bytes readable), found from bit masks: a run of letters that starts with a letter, comes
  // after gap bytes alone and ends at a plain end (or the range's end) is a word as it stands;
  // one that ends otherwise goes on by plain_word_end_from() or, failing that, general_word();
  // a number, a sigil or another character is one step() of the per-character scanner. Returns
  // where the next block starts, past `b`: the end of the last token or gap byte the block
  // settled, or the start of a run that may go on past it.
  std::uint32_t plain_words(const std::uint32_t b) {
    const char* const p = s_.data();
    const std::uint32_t lim = std::min<std::uint32_t>(64, end_ - b);
    const std::uint64_t valid = lim == 64 ? ~0ull : (1ull << lim) - 1;
    const Block64 m = classify64(p + b);
    const std::uint64_t letter = m.letter & valid;
    // Runs of letters, each by its first byte and its last: taken in order, a run's start and
    // end are the lowest bits left in each.
    std::uint64_t starts = letter & ~(letter << 1);
    std::uint64_t ends = letter & ~(letter >> 1);
    std::uint64_t other = m.other & valid;
    std::uint32_t at = 0;  // the bytes before it are done
    for (;;) {
      // The next run, or the next other byte (for the per-character scanner) if it comes first
      // (`at` < `lim` <= 64 here).
      const std::uint64_t runs = starts & (~0ull << at);
      const std::uint64_t others = other & (~0ull << at);
      const std::uint32_t first_other = others ? __builtin_ctzll(others) : 64;
      const std::uint32_t k = runs ? __builtin_ctzll(runs) : 64;
      std::uint32_t next;
      if (first_other < k) {
        next = step(b + first_other);
      } else if (runs) {
        const auto last = static_cast<std::uint32_t>(__builtin_ctzll(ends & (~0ull << k)));
        if (last == 63 && lim == 64) return k ? b + k : step(b);  // may go on past the block
        next = b + last + 1;
        if (static_cast<unsigned char>(p[b + k] - '0') < 10) {
          next = general_word(b + k);  // a number
        } else if (last + 1 < lim && !kPlainEnd.c[static_cast<unsigned char>(p[next])] &&
                   !((m.plain_high >> (last + 1)) & 1)) {
          const std::uint32_t e = plain_word_end_from(b + k, next);
          next = e ? e : general_word(b + k);
          if (e) out_.push_back({word_begin(b + k, e), e, TokenKind::word});
        } else {
          out_.push_back({word_begin(b + k, next), next, TokenKind::word});
        }
      } else if (lim < 64) {
        return b + lim;
      } else {
        // Only gap bytes up to the end: the next block starts at the first byte of a character
        // the block's end cuts.
        std::uint32_t j = 63;
        while (j > at && (static_cast<unsigned char>(p[b + j]) & 0xC0) == 0x80)
          --j;
        const auto lead = static_cast<unsigned char>(p[b + j]);
        const std::uint32_t len = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        const std::uint32_t e = j + len > 64 ? std::max(j, at) : 64;
        return e ? b + e : step(b);
      }
      if (next <= b + at) next = step(b + at);  // never stand still, whatever the masks say
      at = next - b;
      if (at >= lim) return next;
      // A token may end inside a run ("42" of "42d" in English): the rest starts a word.
      starts |= letter & (1ull << at);
    }
  }
#endif

  // The end of a word at `start` (a letter of `first_len` bytes) made of letters and digits alone
  // and followed by a plain separator, which word() would emit unchanged; 0 when the word
  // needs word(): an apostrophe, a hyphen, a period, an address or a URL may follow.
  std::uint32_t plain_word_end(std::uint32_t start, std::uint32_t first_len) const {
    return plain_word_end_from(start, start + first_len);
  }

  // plain_word_end() of a word whose bytes from `start` to `i` are known letters and digits.
  std::uint32_t plain_word_end_from(std::uint32_t start, std::uint32_t i) const {
    const char* const p = s_.data();
    const std::uint32_t end = end_;
    std::uint8_t k = kOther;
    for (;;) {
      i = ascii_alnum_end(p, i, end, s_.size());
      if (i >= end) return i;
      const auto c = static_cast<unsigned char>(p[i]);
      if (c < 0x80) {
        k = kAscii.c[c];
        break;
      }
      std::uint32_t len;
      if (c >= 0xC2 && c < 0xC9 && i + 1 < end &&
          (static_cast<unsigned char>(p[i + 1]) & 0xC0) == 0x80) {
        // Two-byte letters of Latin-1 and Latin Extended: the table, no decoding call.
        k = kLatin.c[((c & 0x1Fu) << 6) | (static_cast<unsigned char>(p[i + 1]) & 0x3Fu)];
        len = 2;
      } else {
        const Cp cp = decode_at(s_, i, end);
        k = class_of(cp.c);
        len = cp.len;
      }
      if (!is_alnum_class(k)) break;
      i += len;
    }
    if (i >= end_) return i;
    if (k == kApos) return elision_end(start, i);
    if (k == kHyphen) return 0;
    switch (s_[i]) {
      case '.':
        return period_end(start, i);
      case '~':
      case '&':
      case '@':
      case '_':
      case '%':
      case '+':
        return 0;
      case ':': {
        const char f = s_[start];
        return f == 'h' || f == 'H' ? 0 : i;  // "http://"
      }
      case '(':
        return opts_.language == Language::fr ? 0 : i;  // "élu(e)s"
      case '\xC2':  // ° and · may go on with the word ("n°", "étudiant·e·s")
        return i + 1 < end_ && (s_[i + 1] == '\xB0' || s_[i + 1] == '\xB7') ? 0 : i;
      default:
        return i;
    }
  }

  // plain_word_end() at an apostrophe: a French elided word ("l'", "qu’") ends after it, as
  // word() splits it, unless the word is lexicalised ("l'on", "c'est-à-dire"); 0 otherwise.
  std::uint32_t elision_end(std::uint32_t start, std::uint32_t apos) const {
    const std::uint32_t al = cp_len(apos);
    if (!alnum_at(apos + al) || !is_elision(start, apos)) return 0;
    const char f = s_[start] | 0x20;
    if ((f == 'c' || f == 'l') && lexicalised_len(start)) return 0;
    const char next = static_cast<char>(s_[apos + al] | 0x20);
    if (((f == 'm' && next == 'a') || (f == 'q' && next == 'e')) && compound_len(start))
      return 0;  // "m'as-tu-vu", "qu'en-dira-t-on"
    return apos + al;
  }

  // plain_word_end() at a period: the word ends before it, as in word(), unless it may be an
  // abbreviation, an initial or acronym (one byte), a file or host name, an address (the
  // period is followed by a character an address may hold) or a URL ("www.").
  std::uint32_t period_end(std::uint32_t start, std::uint32_t dot) const {
    if (dot - start < 2) return 0;
    if (dot - start == 3 && ascii_iequals(s_.substr(start, 3), "www")) return 0;  // a URL
    if (dot + 1 < end_) {
      const auto next = static_cast<unsigned char>(s_[dot + 1]);
      if (next == '@' || kEmailLocal.c[next]) return 0;
    }
    if (dot - start < 8 && is_abbreviation(s_.substr(start, dot + 1 - start), opts_.language))
      return 0;
    return dot;
  }

  bool alnum_at(std::uint32_t i) const {
    return is_alnum_class(class_at(s_, i, end_));
  }
  bool alpha_at(std::uint32_t i) const {
    return class_at(s_, i, end_) == kAlpha;
  }
  bool prev_is_alnum(std::uint32_t i) const {
    if (i == 0) return false;
    std::uint32_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(s_[j]) & 0xC0) == 0x80)
      --j;
    return alnum_at(j);
  }
  std::uint32_t cp_len(std::uint32_t i) const {
    return decode_at(s_, i, end_).len;
  }

  void emit(std::uint32_t b, std::uint32_t e, TokenKind k) {
    if (e > b) out_.push_back({b, e, k});
  }

  // @mention and #hashtag.
  bool special(unsigned char sigil) {
    if (prev_is_alnum(pos_)) return false;
    std::uint32_t i = pos_ + 1;
    bool letter = false;
    while (i < end_) {
      const auto k = class_at(s_, i, end_);
      if (is_alnum_class(k)) {
        letter = letter || k == kAlpha;
        i += cp_len(i);
      } else if (s_[i] == '_') {
        ++i;
      } else {
        break;
      }
    }
    if (i == pos_ + 1 || (sigil == '#' && !letter)) return false;
    emit(pos_, i, sigil == '@' ? TokenKind::mention : TokenKind::hashtag);
    pos_ = i;
    return true;
  }

  bool url() {
    const std::string_view rest = s_.substr(pos_, std::min<std::uint32_t>(end_ - pos_, 8));
    if (!ascii_istarts_with(rest, "http://") && !ascii_istarts_with(rest, "https://") &&
        !ascii_istarts_with(rest, "www.")) {
      return false;
    }
    std::uint32_t i = pos_;
    while (i < end_) {
      const auto c = static_cast<unsigned char>(s_[i]);
      if (c <= ' ' || c == '"' || c == '<' || c == '>') break;
      if (c >= 0x80) {
        // Stop at guillemets, curly quotes and non-breaking spaces; keep letters.
        Cp cp = decode_at(s_, i, end_);
        if (!is_alnum_class(class_of(cp.c))) break;
        i += cp.len;
        continue;
      }
      ++i;
    }
    // Trailing punctuation belongs to the sentence.
    while (i > pos_ && std::strchr(".,;:!?)]}'", s_[i - 1]) != nullptr) {
      if (s_[i - 1] == ')' && std::count(s_.begin() + pos_, s_.begin() + i, '(') > 0) break;
      --i;
    }
    if (i - pos_ < 8) return false;
    emit(pos_, i, TokenKind::url);
    pos_ = i;
    return true;
  }

  bool email() {
    // local part: letters, digits . _ % + -, then @, then a domain with a dot.
    std::uint32_t i = pos_;
    while (i < end_ && kEmailLocal.c[static_cast<unsigned char>(s_[i])])
      ++i;
    if (i >= end_ || s_[i] != '@' || i == pos_) return false;
    std::uint32_t j = i + 1, last_dot = 0;
    while (j < end_) {
      const char c = s_[j];
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
        ++j;
      } else if (c == '.' && j + 1 < end_ && std::isalnum(static_cast<unsigned char>(s_[j + 1]))) {
        last_dot = j++;
      } else {
        break;
      }
    }
    if (j - i < 3 || (last_dot != 0 && j - last_dot < 3)) return false;
    emit(pos_, j, TokenKind::email);
    pos_ = j;
    return true;
  }

  // A number starting at pos_: digits with , . grouping; French grouping by spaces.
  // Returns the end, or 0 when letters follow (then it is a word like "4G" or "B2C").
  std::uint32_t number_end() const {
    std::uint32_t i = pos_;
    std::uint32_t group = 0;
    while (i < end_ && s_[i] >= '0' && s_[i] <= '9')
      ++i, ++group;
    bool grouped_by_space = false;
    for (;;) {
      if (i + 1 < end_ && (s_[i] == ',' || s_[i] == '.') && s_[i + 1] >= '0' && s_[i + 1] <= '9') {
        i += 1;
        group = 0;
        while (i < end_ && s_[i] >= '0' && s_[i] <= '9')
          ++i, ++group;
        continue;
      }
      // Dates and phone numbers: "9/11", "07/06/2000", "212-902-3724", "01-Feb-02".
      if (i + 1 < end_ && (s_[i] == '/' || s_[i] == '-') && alnum_at(i + 1) && !grouped_by_space) {
        std::uint32_t j = i + 1;
        while (j < end_ && alnum_at(j))
          j += cp_len(j);
        if ((s_[i + 1] >= '0' && s_[i + 1] <= '9') ||
            (j < end_ && (s_[j] == '-' || s_[j] == '/') && j + 1 < end_ && s_[j + 1] >= '0' &&
             s_[j + 1] <= '9')) {
          i = j;
          group = 0;
          continue;
        }
      }
      // "1 000", "10 000 000": groups of exactly three digits after a first group of 1 to 3.
      if (const std::uint32_t sp = group_space_len(s_, i, end_);
          sp && (grouped_by_space || (group <= 3 && i - pos_ == group))) {
        std::uint32_t j = i + sp, d = 0;
        while (j < end_ && s_[j] >= '0' && s_[j] <= '9' && d < 4)
          ++j, ++d;
        if (d == 3 && !alnum_at(j)) {
          i = j;
          group = 3;
          grouped_by_space = true;
          continue;
        }
      }
      break;
    }
    if (i < end_ && alpha_at(i)) {
      // English splits a number from a unit glued to it ("81K", "398,487MMBTU", "5pm") but
      // keeps ordinals and decades ("3rd", "90s"); French keeps "2e", "1er", "4G" whole.
      if (opts_.language == Language::fr) return 0;
      std::uint32_t j = i;
      while (j < end_ && alpha_at(j))
        j += cp_len(j);
      if (alnum_at(j)) return 0;
      const std::string suffix = ascii_lower(s_.substr(i, j - i));
      if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" || suffix == "s") {
        return 0;
      }
    }
    return i;
  }

  bool is_elision(std::uint32_t b, std::uint32_t e) const {
    if (opts_.language != Language::fr || e - b > 7) return false;
    if (e - b == 1) {  // l' d' j' m' n' s' t' c', in either case
      const char c = static_cast<char>(s_[b] | 0x20);
      return c == 'l' || c == 'd' || c == 'j' || c == 'm' || c == 'n' || c == 's' || c == 't' ||
             c == 'c';
    }
    char buf[16];
    return in_list(kElision, lower16(s_.substr(b, e - b), buf));
  }

  // "c'est-à-dire" (either apostrophe) stays one token: its length in bytes, or 0.
  std::uint32_t lexicalised_len(std::uint32_t b) const {
    static constexpr std::string_view kForms[] = {"c'est-à-dire", "c\u2019est-à-dire", "l'on",
                                                  "l\u2019on"};
    // Most elided words are neither: the letter after the apostrophe (' or ’) tells.
    if (b + 1 < end_ && (s_[b + 1] == '\'' || s_[b + 1] == '\xE2')) {
      const std::uint32_t a = b + (s_[b + 1] == '\'' ? 2 : 4);
      const char x = a < end_ ? static_cast<char>(s_[a] | 0x20) : 0;
      if (x != 'e' && x != 'o') return 0;
    }
    for (std::string_view form : kForms) {
      if (b + form.size() <= end_ && ascii_iequals(s_.substr(b, form.size()), form) &&
          !alnum_at(static_cast<std::uint32_t>(b + form.size()))) {
        return static_cast<std::uint32_t>(form.size());
      }
    }
    return 0;
  }

  // Length of the French compound of kFrenchCompounds starting at `b` ("rendez-vous",
  // "chefs-d'œuvre"), or 0; none when hyphens are split, where the compound is its parts.
  [[gnu::noinline]] std::uint32_t compound_len(std::uint32_t b) const {
    if (!compounds_ || !kCompoundStart.c[static_cast<unsigned char>(s_[b])] || b + 1 >= end_)
      return 0;
    const char first = static_cast<char>(s_[b] | 0x20), second = static_cast<char>(s_[b + 1]);
    for (std::string_view form : kFrenchCompounds) {
      if (form[0] != first ||
          (form[1] != (second | 0x20) && !(form[1] == '\'' && second == '\xE2')))
        continue;
      if (const std::uint32_t n = form_len(b, form)) return n;
    }
    return 0;
  }

  // word() at a compound of kFrenchCompounds from `b`: emits it and returns true.
  bool whole_compound(std::uint32_t b) {
    const std::uint32_t n = compound_len(b);
    if (n) {
      emit(b, b + n, TokenKind::word);
      pos_ = b + n;
    }
    return n != 0;
  }

  // The length of `form` (lower case) at `b`, followed by no letter or digit, or 0: ASCII
  // letters in either case, ' as ' or ’, and à œ as themselves or À Œ.
  std::uint32_t form_len(std::uint32_t b, std::string_view form) const {
    std::uint32_t i = b;
    for (std::size_t k = 0; k < form.size();) {
      if (i >= end_) return 0;
      const auto f = static_cast<unsigned char>(form[k]);
      const auto c = static_cast<unsigned char>(s_[i]);
      if (f == '\'') {
        if (c == '\'') {
          i += 1;
        } else if (i + 3 <= end_ && s_.compare(i, 3, "\u2019") == 0) {
          i += 3;
        } else {
          return 0;
        }
        ++k;
      } else if (f < 0x80) {
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != f) return 0;
        ++i, ++k;
      } else {  // à (C3 A0) or œ (C5 93); their capitals are C3 80 and C5 92
        if (i + 2 > end_ || c != f) return 0;
        const auto x = static_cast<unsigned char>(s_[i + 1]);
        const auto y = static_cast<unsigned char>(form[k + 1]);
        if (x != y && x != (f == 0xC3 ? y - 0x20 : y - 1)) return 0;
        i += 2, k += 2;
      }
    }
    return alnum_at(i) ? 0 : i - b;
  }

  // The end of "°C" or "°F" at the degree sign `i` (one word, as UD French-Sequoia's `2 °C`;
  // GSD splits a unit glued to its number, `40°C` as `40` `°` `C`, but a unit is one word
  // however it is spaced), after emitting it; else the end of the sign, a separator.
  [[gnu::noinline]] std::uint32_t degree(std::uint32_t i) {
    const std::uint32_t u = i + 2;
    if (u < end_ && (s_[u] == 'C' || s_[u] == 'F') && !alnum_at(u + 1)) {
      emit(i, u + 1, TokenKind::word);
      return u + 1;
    }
    return u;
  }

  // Where the word [w, e) starts: before it when it is the letter of an emoticon (":D",
  // ":-P"), which UD English-EWT keeps as one token, else at `w`. Letterless emoticons (":)")
  // are punctuation, not tokens.
  std::uint32_t word_begin(std::uint32_t w, std::uint32_t e) const {
    if (e - w != 1 || w == begin_ || (s_[w - 1] != ':' && s_[w - 1] != '-')) return w;
    return emoticon_begin(w);
  }
  [[gnu::noinline]] std::uint32_t emoticon_begin(std::uint32_t w) const {
    if (s_[w] != 'D' && s_[w] != 'P' && s_[w] != 'p') return w;
    std::uint32_t colon = w - 1;
    if (s_[colon] == '-') {
      if (colon == begin_) return w;
      --colon;
    }
    if (s_[colon] != ':' || (colon > begin_ && prev_is_alnum(colon)) ||
        (!out_.empty() && out_.back().end > colon) ||
        (w + 1 < end_ && (s_[w + 1] == '\'' || s_[w + 1] == '-' || s_[w + 1] == '@')))
      return w;
    return colon;
  }

  // English plural possessive: the apostrophe at `apos` after a word in s, x or z
  // ("citizens'", "Bezos'"), as UD English keeps `taxpayers'` one token; not when it closes
  // a quote left open earlier on the line ("the 'dogs' bowl"): the nearest quote before the
  // word that no letter precedes and a letter follows.
  [[gnu::noinline]] bool possessive_apostrophe(std::uint32_t b, std::uint32_t apos) const {
    if (opts_.language != Language::en || apos - b < 2) return false;
    const char last = static_cast<char>(s_[apos - 1] | 0x20);
    if (last != 's' && last != 'x' && last != 'z') return false;
    const std::uint32_t from = b > begin_ + 300 ? b - 300 : begin_;
    for (std::uint32_t j = b; j > from;) {
      --j;
      if (s_[j] == '\n') break;
      std::uint32_t ql = 0;  // the quote's length
      if (s_[j] == '\'') {
        ql = 1;
      } else if (j + 3 <= b &&
                 (s_.compare(j, 3, "\u2018") == 0 || s_.compare(j, 3, "\u2019") == 0)) {
        ql = 3;
      } else {
        continue;
      }
      const bool after_word = j > begin_ && prev_is_alnum(j), before_word = alpha_at(j + ql);
      if (after_word != before_word) return after_word;  // a quote closed, or one open
    }
    return true;
  }

  // The end of the hyphenated suffixes of French inclusive writing from the hyphen at `h`
  // ("-e-s" of "participant-e-s"), or 0.
  [[gnu::noinline]] std::uint32_t inclusive_end(std::uint32_t h) const {
    if (opts_.language != Language::fr) return 0;
    std::uint32_t i = h;
    bool first = true;
    while (i < end_ && s_[i] == '-') {
      std::uint32_t j = i + 1;
      while (j < end_ && s_[j] >= 'a' && s_[j] <= 'z' && j - i <= 6)
        ++j;
      const std::string_view part = s_.substr(i + 1, j - i - 1);
      if (!in_list(kInclusiveSuffixes, part) || (first && (part == "s" || part == "x"))) break;
      first = false;
      i = j;
    }
    return i > h && !first && !alnum_at(i) ? i : 0;
  }

  // Length of the French clitic after the hyphen at `h` ("-il", "-t-il", "-là"), or 0.
  std::uint32_t clitic_len(std::uint32_t h) const {
    std::uint32_t i = h + 1;
    for (std::string_view c : kFrenchClitics) {
      if (i + c.size() <= end_ && ascii_iequals(s_.substr(i, c.size()), c) &&
          !alnum_at(static_cast<std::uint32_t>(i + c.size())) &&
          !(i + c.size() < end_ && s_[i + c.size()] == '-' &&
            alnum_at(static_cast<std::uint32_t>(i + c.size() + 1)))) {
        return static_cast<std::uint32_t>(c.size() + 1);
      }
    }
    return 0;
  }

  bool bound_prefix(std::uint32_t b, std::uint32_t e) const {
    if (e - b > 7) return false;
    char buf[16];
    return in_list(kBoundPrefixes, lower16(s_.substr(b, e - b), buf));
  }

  // Abbreviation ending with the period at `dot`.
  bool abbreviation(std::uint32_t b, std::uint32_t dot) const {
    if (!is_abbreviation(s_.substr(b, dot + 1 - b), opts_.language)) return false;
    // "No." is "number" only before a figure ("No. 5"); otherwise it is an answer.
    if (ascii_iequals(s_.substr(b, dot - b), "no") || ascii_iequals(s_.substr(b, dot - b), "nos")) {
      std::uint32_t j = dot + 1;
      while (j < end_ && s_[j] == ' ')
        ++j;
      return j < end_ && s_[j] >= '0' && s_[j] <= '9';
    }
    return true;
  }

  // "U.S.", "e.g.", "a.m.": two or more single letters, each followed by a period; initials
  // joined by a hyphen too ("J.-C.", "J.-P.").
  std::uint32_t dotted_acronym_end(std::uint32_t b) const {
    std::uint32_t i = b, letters = 0;
    while (alpha_at(i)) {
      const std::uint32_t l = cp_len(i);
      if (i + l >= end_ || s_[i + l] != '.') break;
      ++letters;
      i += l + 1;
      if (i + 2 < end_ && s_[i] == '-' && s_[i + 1] >= 'A' && s_[i + 1] <= 'Z' && s_[i + 2] == '.')
        ++i;
    }
    return letters >= 2 ? i : 0;
  }

  void word() {
    const std::uint32_t b = pos_;
    if (s_[b] >= '0' && s_[b] <= '9') {
      if (std::uint32_t e = number_end()) {
        emit(e - b == 2 && opts_.language == Language::en ? year_start(b) : b, e,
             TokenKind::number);
        pos_ = e;
        return;
      }
    }
    const char first = s_[b];
    const bool may_be_lexicalised =
        opts_.language == Language::fr &&
        (first == 'c' || first == 'C' || first == 'l' || first == 'L') && b + 1 < end_ &&
        (s_[b + 1] == '\'' || s_[b + 1] == '\xE2');
    if (const std::uint32_t n = may_be_lexicalised ? lexicalised_len(b) : 0) {
      const std::uint32_t e = b + n;
      emit(b, e, TokenKind::word);
      pos_ = e;
      return;
    }
    if (const std::uint32_t e = b + 1 < end_ && s_[b + 1] == '.' ? dotted_acronym_end(b) : 0) {
      emit(b, e, TokenKind::word);
      pos_ = e;
      return;
    }
    std::uint32_t i = b;
    std::uint32_t seg = b;  // start of the current hyphen-separated part
    for (;;) {
      while (i < end_) {
        const auto c = static_cast<unsigned char>(s_[i]);
        if (c < 0x80) {
          if (!is_alnum_class(kAscii.c[c])) break;
          ++i;
        } else {
          Cp cp = decode_at(s_, i, end_);
          if (!is_alnum_class(class_of(cp.c))) break;
          i += cp.len;
        }
      }
      if (i >= end_) break;
      const std::uint8_t k = class_at(s_, i, end_);
      if (k == kApos) {
        const std::uint32_t al = cp_len(i);
        if (!alnum_at(i + al)) {
          // An elided word before a quote or a pause keeps its apostrophe ("l'\"autorisation",
          // "d', d'aider"), as does an English plural possessive ("citizens'").
          if ((seg == b && is_elision(b, i)) || possessive_apostrophe(b, i)) i += al;
          break;
        }
        if (seg == b && compounds_ && whole_compound(b)) return;  // "m'as-tu-vu"
        if (is_elision(seg, i)) {
          // "l'", "qu'", and after a hyphen the elided part is still split off.
          if (seg > b) {
            emit(b, seg - 1, TokenKind::word);
            emit(seg - 1, i + al, TokenKind::word);
          } else {
            emit(b, i + al, TokenKind::word);
          }
          pos_ = i + al;
          return;
        }
        i += al;
        continue;
      }
      if (k == kHyphen) {
        const std::uint32_t hl = cp_len(i);
        if (!alnum_at(i + hl)) {
          // A word cut short in speech keeps its hyphen ("proble-", "Th-"), as in UD
          // English-GUM; not before a second hyphen (a dash written "--").
          if (hl == 1 && !(i + 1 < end_ && s_[i + 1] == '-')) ++i;
          break;
        }
        if (seg == b && compounds_ && whole_compound(b)) return;  // "rendez-vous", "chefs-d'œuvre"
        if (opts_.language == Language::fr && opts_.hyphens != HyphenMode::keep) {
          if (const std::uint32_t cl = clitic_len(i); cl && hl == 1) {
            emit(b, i, TokenKind::word);
            pos_ = i;  // the clitic, hyphen included, is scanned next
            emit(i, i + cl, TokenKind::word);
            pos_ = i + cl;
            return;
          }
        }
        if (split_hyphens_ && !(opts_.hyphens == HyphenMode::language && bound_prefix(seg, i))) {
          if (const std::uint32_t e = inclusive_end(i)) i = e;  // "participant-e-s"
          break;
        }
        i += hl;
        seg = i;
        continue;
      }
      if (s_[i] == '.' && abbreviation(b, i)) {
        ++i;
        break;
      }
      // File and host names: "Guaranty.doc", "Space.com", "alt.animals.cat".
      if (s_[i] == '.' && i + 1 < end_ && s_[i + 1] >= 'a' && s_[i + 1] <= 'z') {
        ++i;
        continue;
      }
      // An initial before a name keeps its period: "J. K. Rowling".
      if (s_[i] == '.' && i == b + 1 && s_[b] >= 'A' && s_[b] <= 'Z' && i + 2 < end_ &&
          s_[i + 1] == ' ' && s_[i + 2] >= 'A' && s_[i + 2] <= 'Z') {
        ++i;
        break;
      }
      if (s_[i] == '\xC2' && i + 1 < end_) {
        // "n°" (numéro) keeps its sign; "°C" is read by degree().
        if (s_[i + 1] == '\xB0' && i == b + 1 && (s_[b] | 0x20) == 'n') {
          i += 2;
          break;
        }
        // Inclusive writing with middle dots: "étudiant·e·s".
        if (s_[i + 1] == '\xB7' && alpha_at(i + 2)) {
          i += 2;
          continue;
        }
      }
      // French inclusive writing in parentheses: "élu(e)s", "acteur(rice)s".
      if (s_[i] == '(' && opts_.language == Language::fr) {
        std::uint32_t j = i + 1;
        while (j < end_ && s_[j] >= 'a' && s_[j] <= 'z' && j - i <= 5)
          ++j;
        if (j > i + 1 && j < end_ && s_[j] == ')') {
          i = j + 1;
          continue;
        }
      }
      // A truncated word in a spoken transcript: "zom~".
      if (s_[i] == '~') {
        ++i;
        break;
      }
      if (s_[i] == '&' && i + 1 < end_ && alpha_at(i + 1) && i > b && all_upper(b, i)) {
        ++i;  // "R&D", "AT&T"
        continue;
      }
      break;
    }
    // "jean.dupont@exemple.fr": the word stops on a character an address may hold.
    if (i < end_ && (s_[i] == '@' || kEmailLocal.c[static_cast<unsigned char>(s_[i])])) {
      pos_ = b;
      if (email()) return;
    }
    emit(word_begin(b, i), i, TokenKind::word);
    pos_ = i;
  }

  // Where a two-digit number at `b` starts: at the apostrophe before it when it stands for a
  // year's century ("'68", "’68", one token in UD English), else at `b`.
  [[gnu::noinline]] std::uint32_t year_start(std::uint32_t b) const {
    std::uint32_t a = b;
    if (b >= begin_ + 1 && s_[b - 1] == '\'') {
      a = b - 1;
    } else if (b >= begin_ + 3 &&
               (s_.compare(b - 3, 3, "\u2019") == 0 || s_.compare(b - 3, 3, "\u2018") == 0)) {
      a = b - 3;
    } else {
      return b;
    }
    if ((a > begin_ && prev_is_alnum(a)) || (!out_.empty() && out_.back().end > a)) return b;
    return a;
  }

  bool all_upper(std::uint32_t b, std::uint32_t e) const {
    for (std::uint32_t i = b; i < e; ++i) {
      if (!(s_[i] >= 'A' && s_[i] <= 'Z')) return false;
    }
    return true;
  }
};

}  // namespace

void tokenize(std::string_view text, Span range, const TokenizerOptions& opts,
              std::vector<Token>& out) {
  if (range.end > text.size()) range.end = static_cast<std::uint32_t>(text.size());
  if (range.begin >= range.end) return;
  Scanner(text, range, opts, out).run();
}

namespace {

// normalize_token() without ICU for the letters of French and English text: ASCII, U+00C0-U+00FF
// but × ß ÷ (ß folds to "ss"), Œ œ Ÿ, and the apostrophes ’ ‘ ʼ. False for anything else.
bool fold_latin(std::string_view s, std::string& out) {
  // Written through a pointer: no folded character is longer than its surface.
  out.resize(s.size());
  char* q = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      *q++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    if (i + 1 >= n) return false;
    const unsigned char d = p[i + 1];
    if (c == 0xC3 && d >= 0x80 && d <= 0xBF && d != 0x97 && d != 0x9F && d != 0xB7) {
      *q++ = '\xC3';
      *q++ = static_cast<char>(d <= 0x9E ? d + 0x20 : d);  // À-Þ to à-þ
      i += 2;
    } else if (c == 0xC5 && (d == 0x92 || d == 0x93)) {
      *q++ = '\xC5';  // Œ œ
      *q++ = '\x93';
      i += 2;
    } else if (c == 0xC5 && d == 0xB8) {
      *q++ = '\xC3';  // Ÿ to ÿ
      *q++ = '\xBF';
      i += 2;
    } else if (c == 0xCA && d == 0xBC) {
      *q++ = '\'';  // ʼ
      i += 2;
    } else if (c == 0xE2 && d == 0x80 && i + 2 < n && (p[i + 2] == 0x98 || p[i + 2] == 0x99)) {
      *q++ = '\'';  // ‘ ’
      i += 3;
    } else {
      return false;
    }
  }
  out.resize(static_cast<std::size_t>(q - out.data()));
  return true;
}

}  // namespace

std::string normalize_token(std::string_view surface) {
  std::string folded;
  if (fold_latin(surface, folded)) return folded;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(surface.data(), static_cast<int32_t>(surface.size())));
  u.foldCase();
  for (const UChar32 a : {0x2019, 0x02BC, 0x2018}) {  // the apostrophes of normalize.hpp
    static_assert(is_apostrophe(0x2019) && is_apostrophe(0x02BC) && is_apostrophe(0x2018));
    u.findAndReplace(icu::UnicodeString(a), icu::UnicodeString(u'\''));
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Every ASCII abbreviation is found in its packed table, and not without its period.
template <std::size_t N>
constexpr bool finds_all(const PackedList& table, const std::string_view (&list)[N]) {
  for (std::string_view w : list) {
    bool ascii = true;
    for (char c : w)
      ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii &&
        (!table.contains(pack_lower(w)) || table.contains(pack_lower(w.substr(0, w.size() - 1))))) {
      return false;
    }
  }
  return true;
}
constexpr PackedList kFrenchAbbrevTable(kFrenchAbbrev);
constexpr PackedList kEnglishAbbrevTable(kEnglishAbbrev);
static_assert(finds_all(kFrenchAbbrevTable, kFrenchAbbrev));
static_assert(finds_all(kEnglishAbbrevTable, kEnglishAbbrev));

bool is_abbreviation(std::string_view surface, Language lang) {
  if (surface.size() < 2 || surface.size() > 8 || surface.back() != '.') return false;
  auto check = [lang](std::string_view lower) {
    return lang == Language::fr ? in_list(kFrenchAbbrev, lower) : in_list(kEnglishAbbrev, lower);
  };
  const bool ascii = std::all_of(surface.begin(), surface.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    const std::uint64_t packed = pack_lower(surface);
    return (lang == Language::fr ? kFrenchAbbrevTable : kEnglishAbbrevTable).contains(packed);
  }
  return check(normalize_token(surface));
}

}  // namespace verbatim
