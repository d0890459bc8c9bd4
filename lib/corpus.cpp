#include "verbatim/corpus.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "flat_counter.hpp"
#include "verbatim/csv.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

namespace fs = std::filesystem;

namespace {

bool is_transcript_extension(std::string_view ext) {
  std::string e(ext);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e == ".txt" || e == ".md" || e == ".markdown" || e == ".vtt" || e == ".srt" ||
         e == ".docx";
}

// Study files that live beside transcripts and are not transcripts: skipped without a word.
bool is_study_file_extension(std::string_view ext) {
  std::string e(ext);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e == ".csv" || e == ".tsv" || e == ".yml" || e == ".yaml" || e == ".json" ||
         e == ".jsonl" || e == ".xlsx" || e == ".qdc" || e == ".qdpx";
}

std::string id_from_relative(const fs::path& rel) {
  fs::path p = rel;
  p.replace_extension();
  return p.generic_string();
}

struct Walker {
  Diagnostics& diags;
  std::set<std::pair<dev_t, ino_t>> visited;
  std::vector<std::pair<std::string, SourceRef>> found;  // (relative path, ref)

  void walk(const fs::path& root, const fs::path& dir, const std::string& shown_root) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return;
    if (!visited.insert({st.st_dev, st.st_ino}).second) {
      diags.push_back(file_diagnostic(Severity::warning, dir.string(),
                                      "folder already visited (symbolic link loop?), skipped"));
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      diags.push_back(file_diagnostic(Severity::error, dir.string(),
                                      fmt::format("cannot read folder: {}", ec.message())));
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    for (const auto& e : entries) {
      const std::string name = e.path().filename().string();
      if (name.empty() || name[0] == '.' || name[0] == '~') continue;  // hidden, Word lock files
      std::error_code sec;
      if (e.is_directory(sec)) {
        walk(root, e.path(), shown_root);
        continue;
      }
      const std::string ext = e.path().extension().string();
      if (!is_transcript_extension(ext)) {
        if (!is_study_file_extension(ext)) {
          diags.push_back(
              file_diagnostic(Severity::warning, e.path().string(),
                              "not a transcript format (.txt .md .vtt .srt .docx), skipped"));
        }
        continue;
      }
      // A pipe or device in a folder would block or never end: only explicit paths are read
      // from those (`verbatim freq <(zcat p01.txt.gz)`).
      const fs::file_type type = e.status(sec).type();
      if (!sec && type != fs::file_type::regular) {
        diags.push_back(file_diagnostic(Severity::warning, e.path().string(),
                                        "not a regular file (a pipe, socket or device), skipped"));
        continue;
      }
      const fs::path rel = e.path().lexically_relative(root);
      found.push_back({rel.generic_string(),
                       SourceRef{e.path().string(), id_from_relative(rel), e.path().string()}});
    }
  }
};

std::string fold_label(std::string_view label) {
  while (!label.empty() && (label.back() == ' ' || label.back() == ':'))
    label.remove_suffix(1);
  while (!label.empty() && label.front() == ' ')
    label.remove_prefix(1);
  return normalize_token(label);
}

// Column index of `name` in `header`, or npos.
std::size_t column(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::string::npos;
}

// Interviewer labels by convention, used when no speaker map names the label.
bool is_interviewer_label(const std::string& folded) {
  static const std::set<std::string> kLabels = {
      "q",         "i",           "int",          "e",
      "question",  "interviewer", "intervieweur", "intervieweuse",
      "enquêteur", "enquêtrice",  "enqueteur",    "enquetrice",
      "chercheur", "chercheuse",  "modérateur",   "modératrice",
      "moderator", "animateur",   "animatrice",   "researcher"};
  return kLabels.count(folded) > 0;
}

}  // namespace

std::vector<SourceRef> list_sources(const std::vector<std::string>& paths, Diagnostics& diags) {
  std::vector<SourceRef> out;
  for (const auto& arg : paths) {
    if (arg == "-") {
      out.push_back({"-", "-", "<stdin>"});
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      diags.push_back(file_diagnostic(Severity::error, arg, "no such file or folder"));
      continue;
    }
    if (fs::is_directory(st)) {
      Walker w{diags, {}, {}};
      w.walk(fs::path(arg), fs::path(arg), arg);
      std::sort(w.found.begin(), w.found.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      if (w.found.empty()) {
        diags.push_back(file_diagnostic(Severity::warning, arg,
                                        "folder holds no transcript (.txt .md .vtt .srt .docx)"));
      }
      for (auto& f : w.found)
        out.push_back(std::move(f.second));
    } else {
      fs::path p(arg);
      out.push_back({arg, p.stem().string(), arg});
    }
  }
  // Two files with one id (p03.txt and p03.vtt) would be confused in every table.
  std::map<std::string, std::string> seen;
  for (const auto& s : out) {
    auto [it, fresh] = seen.emplace(s.id, s.display);
    if (!fresh) {
      diags.push_back(
          file_diagnostic(Severity::error, s.display,
                          fmt::format("document id '{}' is also the id of {}; rename one of them",
                                      s.id, it->second)));
    }
  }
  return out;
}

SpeakerMap SpeakerMap::parse(std::string_view csv, std::string_view name) {
  CsvTable t = parse_csv(csv, name);
  const std::size_t label = column(t.header, "label");
  const std::size_t participant = column(t.header, "participant");
  const std::size_t role = column(t.header, "role");
  if (label == std::string::npos || participant == std::string::npos) {
    throw Error(Location{std::string(name), 1, 1, std::nullopt},
                "speaker map needs the columns label,participant[,role]");
  }
  SpeakerMap m;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::string key = fold_label(row[label]);
    if (key.empty()) {
      throw Error(Location{std::string(name), t.row_lines[r], 1, std::nullopt}, "empty label");
    }
    Entry e{row[participant], role == std::string::npos ? "" : row[role]};
    auto [it, fresh] = m.entries_.emplace(key, e);
    if (!fresh && (it->second.participant != e.participant || it->second.role != e.role)) {
      throw Error(Location{std::string(name), t.row_lines[r], 1, std::nullopt},
                  fmt::format("label '{}' is mapped twice, to different speakers", row[label]));
    }
  }
  return m;
}

std::vector<std::string> SpeakerMap::roles() const {
  std::set<std::string> roles;
  for (const auto& [label, e] : entries_) {
    if (!e.role.empty()) roles.insert(e.role);
  }
  return {roles.begin(), roles.end()};
}

const SpeakerMap::Entry* SpeakerMap::find(std::string_view label) const {
  auto it = entries_.find(fold_label(label));
  return it == entries_.end() ? nullptr : &it->second;
}

Attributes Attributes::parse(std::string_view csv, std::string_view name) {
  CsvTable t = parse_csv(csv, name);
  if (t.header.empty()) {
    throw Error(Location{std::string(name), 1, 1, std::nullopt}, "attributes file is empty");
  }
  Attributes a;
  a.names_.assign(t.header.begin() + 1, t.header.end());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto& row = t.rows[r];
    std::vector<std::string> values(row.begin() + 1, row.end());
    a.keys_.push_back(row[0]);
    if (!a.rows_.emplace(row[0], std::move(values)).second) {
      throw Error(Location{std::string(name), t.row_lines[r], 1, std::nullopt},
                  fmt::format("duplicate id '{}'", row[0]));
    }
  }
  return a;
}

const std::vector<std::string>* Attributes::find(std::string_view key) const {
  auto it = rows_.find(key);
  return it == rows_.end() ? nullptr : &it->second;
}

namespace {

// Warns about each line with more than `limit` whitespace-separated tokens: text whose line
// breaks were lost (a PDF or web export) makes one huge turn and sentence. Lines shorter than
// `limit` bytes cannot hold that many and are skipped without being scanned.
void warn_long_lines(std::string_view text, const std::string& name, std::size_t limit,
                     Diagnostics& warnings) {
  std::size_t line = 1, begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (end - begin > limit) {
      std::size_t tokens = 0;
      bool in_token = false;
      for (std::size_t i = begin; i < end; ++i) {
        const bool space = text[i] == ' ' || text[i] == '\t';
        if (!space && !in_token) ++tokens;
        in_token = !space;
      }
      if (tokens > limit) {
        warnings.push_back(
            {Severity::warning, Location{name, line, 1, std::nullopt},
             fmt::format("line has {} tokens, over the --max-line-tokens limit of {}: its line "
                         "breaks may have been lost; it is read whole, as one paragraph",
                         tokens, limit)});
      }
    }
    if (end == text.size()) break;
    begin = end + 1;
    ++line;
  }
}

}  // namespace

Document make_document(SourceRef src, Format format, std::string text, const CorpusOptions& opts,
                       Diagnostics& warnings) {
  Document doc;
  doc.source = std::move(src);
  doc.format = format;
  doc.text = std::move(text);
  if (opts.max_line_tokens > 0)
    warn_long_lines(doc.text, doc.source.display, opts.max_line_tokens, warnings);
  Transcript t = parse_transcript(format, doc.text, doc.source.display, warnings);
  doc.turns.reserve(t.turns.size());
  for (Turn& turn : t.turns) {
    DocumentTurn dt;
    static_cast<Turn&>(dt) = std::move(turn);
    if (opts.speakers && !dt.speaker.empty()) {
      if (const auto* e = opts.speakers->find(dt.speaker)) {
        dt.participant = e->participant;
        dt.role = e->role;
      }
    } else if (!dt.speaker.empty()) {
      const bool interviewer = is_interviewer_label(fold_label(dt.speaker));
      dt.role = interviewer ? "interviewer" : "participant";
      if (!interviewer) dt.participant = dt.speaker;
    }
    doc.turns.push_back(std::move(dt));
  }
  if (opts.language) {
    doc.language = *opts.language;
    doc.language_detected = false;
  } else {
    // Detect on what was said, not on labels and timings.
    std::string sample;
    for (const auto& turn : doc.turns) {
      for (const Span& s : turn.content) {
        sample.append(doc.text, s.begin, s.size());
        sample.push_back('\n');
        if (sample.size() >= 65536) break;
      }
      if (sample.size() >= 65536) break;
    }
    doc.language = detect_language(sample);
  }
  return doc;
}

std::optional<Document> load_document(const SourceRef& src, const CorpusOptions& opts,
                                      Diagnostics& warnings) {
  FileBytes bytes = src.path == "-" ? FileBytes::read_stdin(opts.max_file_bytes)
                                    : FileBytes::open(src.path, opts.max_file_bytes);
  const Format format = src.path == "-" ? Format::text : format_from_path(src.path);
  const std::size_t input_bytes = bytes.view().size();
  std::string text;
  Encoding encoding = Encoding::utf8;
  if (format == Format::docx) {
    text = normalize_text(extract_docx_text(bytes.view(), src.display, opts.docx));
  } else {
    Decoded d = decode(std::move(bytes), src.display, opts.decode);
    for (auto& w : d.warnings)
      warnings.push_back(std::move(w));
    if (d.skipped) return std::nullopt;
    text = std::move(d.text);
    encoding = d.encoding;
  }
  if (text.size() > 0xFFFFFFF0u) {
    throw Error(Location{src.display, 0, 0, std::nullopt},
                "file is larger than 4 GiB of text; split it");
  }
  Document doc = make_document(src, format, std::move(text), opts, warnings);
  doc.encoding = encoding;
  doc.input_bytes = input_bytes;
  return doc;
}

void Fingerprint::add(const Document& doc) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](std::uint64_t v) {
    h ^= v;
    h *= 0x100000001b3ull;
  };
  for (unsigned char c : doc.source.id)
    mix(c);
  mix(0);
  mix(detail::hash_bytes(doc.text.data(), doc.text.size()));
  mix(doc.text.size());
  // A final avalanche, so that sums of digests do not cancel in their low bits.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  sum_ += h;
}

void Fingerprint::combine(const Fingerprint& other) {
  sum_ += other.sum_;
}

std::string Fingerprint::hex() const {
  return fmt::format("{:016x}", sum_);
}

std::optional<Fingerprint> Fingerprint::from_hex(std::string_view hex) {
  if (hex.size() != 16) return std::nullopt;
  Fingerprint f;
  for (char c : hex) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    f.sum_ = f.sum_ << 4 | static_cast<std::uint64_t>(d);
  }
  return f;
}

}  // namespace verbatim
