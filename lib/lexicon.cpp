#include "verbatim/lexicon.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "verbatim/error.hpp"
#include "verbatim/source.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

namespace {

// The compiled file. Little-endian, as every machine verbatim is built for; the magic's last
// byte is the format's version.
//   0  magic "VBLEXv4\n"
//   8  u32 entries, u32 blocks, u32 bytes of heads, u32 bytes of records, u32 bytes of lemmas
//  28  char language[4] (zero padded)
//  32  u64 FNV-1a of the TSV it was compiled from
//  40  u64 head_key[blocks]: the first 8 bytes of each block's head, big-endian, zero padded
//      (their order is the heads' byte order), so that the search compares integers in one
//      small array
//      u32 head_at[blocks]: where each block's head lies in the heads
//      u32 block_at[blocks + 1]: where each block's records begin in the records
//      heads: the first form of each block, u8 length then its bytes
//      records: the entries sorted by form bytes, kBlock to a block, each u8 bytes shared with
//      the previous form of its block, u8 bytes of the rest, the rest, u8 tag (UPOS index in
//      bits 0-4; bit 7: the lemma is the form itself; bit 6: the lemma of the previous record
//      that named one), then a u24 offset into the lemmas when neither bit is set
//      lemmas: each distinct lemma once, u8 length then its bytes
// A lookup searches the head keys (small: they stay in the cache) for the form's block, compares
// whole heads only among blocks whose keys tie, then reads that block's records, which lie
// together. Front coding and shared lemmas make the file a
// third of the size of a hash table of whole forms: the pages that a large corpus's lookups
// touch count in the resident size, and there are three times fewer of them.
constexpr std::string_view kMagic = "VBLEXv4\n";
constexpr std::size_t kHeaderBytes = 40;
constexpr std::uint32_t kBlock = 16;
constexpr unsigned kLemmaIsForm = 0x80, kLemmaAsBefore = 0x40, kPosMask = 0x1f;

// UD's UPOS tags; index 0 is "no tag".
constexpr std::array<std::string_view, 18> kUpos = {
    "",    "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

// The first 8 bytes of a string as a big-endian integer, zero padded: integers in the byte
// order of the strings (no form holds a zero byte).
std::uint64_t head_key(std::string_view s) {
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < 8; ++i)
    k = k << 8 | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
  return k;
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

template <class T>
T read_at(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// One TSV line's fields, checked.
struct TsvEntry {
  std::string form, lemma;
  std::uint8_t pos = 0;
  std::size_t line = 0;
};

std::vector<TsvEntry> parse_tsv(std::string_view tsv, std::string_view name) {
  std::vector<TsvEntry> out;
  std::unordered_map<std::string, std::size_t> seen;
  std::size_t line = 0;
  std::size_t at = 0;
  const auto fail = [&](std::size_t start, const std::string& msg) {
    throw Error(locate(name, tsv, start), msg);
  };
  while (at < tsv.size()) {
    const std::size_t start = at;
    std::size_t end = tsv.find('\n', at);
    if (end == std::string_view::npos) end = tsv.size();
    at = end + 1;
    ++line;
    std::string_view text = tsv.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty() || text.front() == '#') continue;
    const std::size_t t1 = text.find('\t');
    if (t1 == std::string_view::npos) fail(start, "expected form<TAB>lemma<TAB>upos");
    const std::size_t t2 = text.find('\t', t1 + 1);
    const std::string_view form = text.substr(0, t1);
    const std::string_view lemma =
        text.substr(t1 + 1, t2 == std::string_view::npos ? std::string_view::npos : t2 - t1 - 1);
    const std::string_view pos = t2 == std::string_view::npos ? "" : text.substr(t2 + 1);
    if (form.empty() || lemma.empty()) fail(start, "empty form or lemma");
    TsvEntry e;
    e.line = line;
    e.form = normalize_token(form);
    e.lemma = normalize_token(lemma);
    if (e.form.size() > 255 || e.lemma.size() > 255) fail(start, "form or lemma over 255 bytes");
    const auto tag = std::find(kUpos.begin(), kUpos.end(), pos);
    if (tag == kUpos.end()) fail(start, fmt::format("unknown UPOS tag '{}'", pos));
    e.pos = static_cast<std::uint8_t>(tag - kUpos.begin());
    if (auto [it, fresh] = seen.emplace(e.form, line); !fresh) {
      fail(start, fmt::format("form '{}' already listed at line {}", e.form, it->second));
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

struct Lexicon::Data {
  std::string owned;  // compiled bytes made in memory (from_tsv); empty when mapped
  const char* base = nullptr;
  std::size_t bytes = 0;
  std::string name;
  std::uint32_t entries = 0, blocks = 0, head_bytes = 0, record_bytes = 0, lemma_bytes = 0;
  const char* head_keys = nullptr;
  const char* head_index = nullptr;
  const char* block_index = nullptr;
  const char* head_at = nullptr;
  const char* record_at = nullptr;
  const char* lemma_at = nullptr;
  std::string language, digest;

  Data() = default;
  Data(const Data&) = delete;
  Data& operator=(const Data&) = delete;
  ~Data() {
    if (owned.empty() && base) munmap(const_cast<char*>(base), bytes);
  }

  [[noreturn]] void fail(const char* at, const std::string& msg) const {
    Location where;
    where.file = name;
    where.byte = static_cast<std::uint64_t>(at - base);
    throw Error(where, msg);
  }

  // Reads the header of `bytes` at `base`; throws Error naming the file when it is not a
  // compiled lexicon of this version or its sizes do not add up.
  void open() {
    if (bytes < kHeaderBytes || std::string_view(base, kMagic.size()) != kMagic) {
      fail(base, "not a compiled verbatim lexicon (or of another version)");
    }
    entries = read_at<std::uint32_t>(base + 8);
    blocks = read_at<std::uint32_t>(base + 12);
    head_bytes = read_at<std::uint32_t>(base + 16);
    record_bytes = read_at<std::uint32_t>(base + 20);
    lemma_bytes = read_at<std::uint32_t>(base + 24);
    language.assign(base + 28, strnlen(base + 28, 4));
    digest = fmt::format("{:016x}", read_at<std::uint64_t>(base + 32));
    const std::uint64_t need = kHeaderBytes + 12ull * blocks + 4ull * (blocks + 1ull) + head_bytes +
                               record_bytes + lemma_bytes;
    if (need != bytes || std::uint64_t(blocks) * kBlock < entries) {
      fail(base + 8, fmt::format("sizes do not add up ({} entries, {} blocks, {} bytes of heads, "
                                 "{} of records, {} of lemmas, {} bytes in the file)",
                                 entries, blocks, head_bytes, record_bytes, lemma_bytes, bytes));
    }
    head_keys = base + kHeaderBytes;
    head_index = head_keys + 8ull * blocks;
    block_index = head_index + 4ull * blocks;
    head_at = block_index + 4ull * (blocks + 1ull);
    record_at = head_at + head_bytes;
    lemma_at = record_at + record_bytes;
  }

  static std::uint32_t u8(const char* p) { return static_cast<unsigned char>(*p); }

  std::string_view head(std::uint32_t b) const {
    const std::uint32_t at = read_at<std::uint32_t>(head_index + 4ull * b);
    if (at >= head_bytes || at + 1ull + u8(head_at + at) > head_bytes) {
      fail(head_index + 4ull * b, "a block's head lies past the heads");
    }
    return {head_at + at + 1, u8(head_at + at)};
  }

  std::string_view lemma_string(const char* from, std::uint32_t off) const {
    if (off >= lemma_bytes || off + 1ull + u8(lemma_at + off) > lemma_bytes) {
      fail(from, "a record's lemma lies past the lemmas");
    }
    return {lemma_at + off + 1, u8(lemma_at + off)};
  }

  // The entry of `form`: its block is the last whose head is not after it; the block's records
  // are read in order, rebuilding each form from the one before, until one is not before it.
  // A lemma that is the form itself is returned as a view of `form`.
  std::optional<LexiconEntry> find(std::string_view form) const {
    if (entries == 0 || form.size() > 255) return std::nullopt;
    // The first block whose key is above the form's: the block is before it, the last one
    // whose head is not after the form (heads whose keys tie with the form's are compared).
    const std::uint64_t key = head_key(form);
    const auto key_of = [&](std::uint32_t b) {
      return read_at<std::uint64_t>(head_keys + 8ull * b);
    };
    std::uint32_t lo = 0, hi = blocks;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (key_of(mid) <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    lo = lo == 0 ? 0 : lo - 1;
    while (lo > 0 && key_of(lo) == key && head(lo) > form)
      --lo;
    const char* p = record_at + read_at<std::uint32_t>(block_index + 4ull * lo);
    const char* end = record_at + read_at<std::uint32_t>(block_index + 4ull * lo + 4);
    if (end > record_at + record_bytes || p > end)
      fail(block_index + 4ull * lo, "a block runs past the records");
    char current[256];
    std::uint32_t length = 0, lemma = 0;
    // `match`: the bytes the previous form shares with `form`, which it precedes. A form that
    // shares more with the previous one precedes `form` too; one that shares less follows it;
    // only one that shares exactly as much is compared, from there on.
    std::uint32_t match = 0;
    while (p < end) {
      const char* rec = p;
      if (end - p < 3) fail(rec, "a record runs past its block");
      const std::uint32_t shared = u8(p), rest = u8(p + 1);
      if (shared > length || shared + rest > 255 || end - p < 3 + rest)
        fail(rec, "a malformed record");
      std::memcpy(current + shared, p + 2, rest);
      length = shared + rest;
      p += 2 + rest;
      const std::uint32_t tag = u8(p++);
      if (!(tag & (kLemmaIsForm | kLemmaAsBefore))) {
        if (end - p < 3) fail(rec, "a record runs past its block");
        lemma = u8(p) | u8(p + 1) << 8 | u8(p + 2) << 16;
        p += 3;
      }
      if (shared > match) continue;
      if (shared < match) break;
      while (match < length && match < form.size() && current[match] == form[match])
        ++match;
      if (match < form.size() && (match == length || static_cast<unsigned char>(current[match]) <
                                                         static_cast<unsigned char>(form[match]))) {
        continue;  // a prefix of `form`, or before it at `match`
      }
      if (match != length || match != form.size()) break;  // after `form`
      const std::uint32_t pos = tag & kPosMask;
      return LexiconEntry{tag & kLemmaIsForm ? form : lemma_string(rec, lemma),
                          pos < kUpos.size() ? kUpos[pos] : ""};
    }
    return std::nullopt;
  }
};

std::string Lexicon::compile(std::string_view tsv, std::string_view name,
                             std::string_view language) {
  std::vector<TsvEntry> list = parse_tsv(tsv, name);
  std::sort(list.begin(), list.end(),
            [](const TsvEntry& a, const TsvEntry& b) { return a.form < b.form; });
  // Lemmas other than their form, each once, in order of first use.
  std::string lemmas;
  std::unordered_map<std::string, std::uint32_t> lemma_off;
  const auto lemma_of = [&](const std::string& lemma) {
    auto [it, fresh] = lemma_off.emplace(lemma, static_cast<std::uint32_t>(lemmas.size()));
    if (fresh) {
      lemmas += static_cast<char>(lemma.size());
      lemmas += lemma;
    }
    return it->second;
  };
  const auto blocks = static_cast<std::uint32_t>((list.size() + kBlock - 1) / kBlock);
  std::vector<std::uint32_t> head_index, block_index;
  std::string heads, records;
  std::uint32_t last = 0xffffffffu;  // the lemma offset a kLemmaAsBefore record means
  for (std::size_t i = 0; i < list.size(); ++i) {
    const TsvEntry& e = list[i];
    std::size_t shared = 0;
    if (i % kBlock == 0) {
      head_index.push_back(static_cast<std::uint32_t>(heads.size()));
      block_index.push_back(static_cast<std::uint32_t>(records.size()));
      heads += static_cast<char>(e.form.size());
      heads += e.form;
      last = 0xffffffffu;
    } else {
      const std::string& prev = list[i - 1].form;
      while (shared < prev.size() && shared < e.form.size() && prev[shared] == e.form[shared])
        ++shared;
    }
    records += static_cast<char>(shared);
    records += static_cast<char>(e.form.size() - shared);
    records.append(e.form, shared);
    if (e.lemma == e.form) {
      records += static_cast<char>(e.pos | kLemmaIsForm);
      continue;
    }
    const std::uint32_t off = lemma_of(e.lemma);
    if (off == last) {
      records += static_cast<char>(e.pos | kLemmaAsBefore);
      continue;
    }
    records += static_cast<char>(e.pos);
    records += static_cast<char>(off & 0xff);
    records += static_cast<char>(off >> 8 & 0xff);
    records += static_cast<char>(off >> 16 & 0xff);
    last = off;
  }
  block_index.push_back(static_cast<std::uint32_t>(records.size()));
  if (lemmas.size() >= (1u << 24)) {
    throw Error(fmt::format("{}: over 16 MiB of lemmas, more than a lexicon holds", name));
  }
  std::string out(kMagic);
  put(out, static_cast<std::uint32_t>(list.size()));
  put(out, blocks);
  put(out, static_cast<std::uint32_t>(heads.size()));
  put(out, static_cast<std::uint32_t>(records.size()));
  put(out, static_cast<std::uint32_t>(lemmas.size()));
  char lang[4] = {};
  std::memcpy(lang, language.data(), std::min<std::size_t>(language.size(), 4));
  out.append(lang, 4);
  put(out, fnv1a(tsv));
  for (std::uint32_t b = 0; b < blocks; ++b)
    put(out, head_key(list[b * std::size_t{kBlock}].form));
  out.append(reinterpret_cast<const char*>(head_index.data()), 4 * head_index.size());
  out.append(reinterpret_cast<const char*>(block_index.data()), 4 * block_index.size());
  out += heads;
  out += records;
  out += lemmas;
  return out;
}

Lexicon::Lexicon() : data_(std::make_shared<Data>()) {}

Lexicon Lexicon::from_tsv(std::string_view tsv, std::string_view name) {
  auto d = std::make_shared<Data>();
  d->owned = compile(tsv, name, "");
  d->base = d->owned.data();
  d->bytes = d->owned.size();
  d->name = std::string(name);
  d->open();
  Lexicon l;
  l.data_ = std::move(d);
  return l;
}

Lexicon Lexicon::load(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(fmt::format("{}: cannot open the lexicon: {}", path, std::strerror(errno)));
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error(fmt::format("{}: the lexicon is not a regular file", path));
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  char head[8] = {};
  const bool compiled =
      size >= kMagic.size() && ::pread(fd, head, 8, 0) == 8 && std::string_view(head, 8) == kMagic;
  if (!compiled) {
    ::close(fd);
    FileBytes bytes = FileBytes::open(path);
    return from_tsv(decode(bytes.view(), path, {true}).text, path);
  }
  void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  // Lookups land anywhere in the table: no readahead, and no mapping of neighbouring pages a
  // lookup did not touch (the resident size grows with the forms looked up, not the file).
  if (map != MAP_FAILED) madvise(map, size, MADV_RANDOM);
  if (map == MAP_FAILED) {
    throw Error(fmt::format("{}: cannot map the lexicon: {}", path, std::strerror(errno)));
  }
  auto d = std::make_shared<Data>();
  d->base = static_cast<const char*>(map);
  d->bytes = size;
  d->name = path;
  d->open();
  Lexicon l;
  l.data_ = std::move(d);
  return l;
}

std::optional<LexiconEntry> Lexicon::find(std::string_view norm) const {
  return data_->find(norm);
}

LexiconEntry Lexicon::lookup(std::string_view norm) const {
  if (auto e = data_->find(norm)) return *e;
  const std::string_view lang = data_->language;
  // A French inverted clitic is the pronoun: "-t-il", "-elle".
  if (lang != "en" && norm.size() > 1 && norm.front() == '-') {
    std::string_view bare = norm.substr(norm.starts_with("-t-") ? 3 : 1);
    if (auto e = data_->find(bare)) return *e;
  }
  // An English possessive is its noun: "google's" -> "google", "citizens'" -> "citizen".
  if (lang != "fr") {
    std::string_view base;
    if (norm.size() > 2 && norm.ends_with("'s")) base = norm.substr(0, norm.size() - 2);
    if (norm.size() > 2 && norm.ends_with("s'")) base = norm.substr(0, norm.size() - 1);
    if (!base.empty()) {
      if (auto e = data_->find(base)) return *e;
      return {base, ""};
    }
  }
  return {norm, ""};
}

std::size_t Lexicon::size() const {
  return data_->entries;
}
std::string_view Lexicon::language() const {
  return data_->language;
}
const std::string& Lexicon::digest() const {
  return data_->digest;
}

}  // namespace verbatim
