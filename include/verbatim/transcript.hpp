// transcript: format readers that find speaker turns in a decoded document text.
//
// Every reader works on the document text (NFC UTF-8, LF) and returns turns whose spans are
// byte offsets into that same text: the text is never rewritten, so every token stays
// traceable to its file. A turn's `content` lists the byte ranges of what was said; speaker
// labels, timestamps, cue ids and markup tags are left outside them. Text outside every
// turn's content (headers, NOTE blocks, cue timings) is not analysed.
//
// Formats: plain text and Markdown (line-initial labels `Name:`, `Name :`, `**Name**:`,
// `[00:01:02] Name:`, `Q:`/`R:`/`I:`/`P3:`, Otter `Name  0:03` header lines), WebVTT (Teams
// `<v Name>` closed or not, Zoom `Name:` inside cues, cue ids, NOTE/STYLE/REGION blocks,
// out-of-order cues sorted by start time, Teams' short timestamps `0:0:0.0`), SRT, and Word
// .docx (paragraphs of word/document.xml joined by LF, then read as plain text).
//
//   Transcript t = parse_transcript(Format::vtt, doc_text, "p03.vtt", warnings);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbatim/error.hpp"
#include "verbatim/source.hpp"

namespace verbatim {

enum class Format { text, markdown, vtt, srt, docx };

std::string_view format_name(Format f);  // "txt", "md", "vtt", "srt", "docx"
// By file extension (case-insensitive): .txt .md .markdown .vtt .srt .docx; text otherwise.
Format format_from_path(std::string_view path);

struct Span {
  std::uint32_t begin = 0;  // byte offset into the document text
  std::uint32_t end = 0;    // one past the last byte
  std::uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

struct Turn {
  std::string speaker;                  // label as written, trimmed; empty when none
  std::optional<double> start_seconds;  // from timestamps, when the format has them
  std::optional<double> end_seconds;
  Span span;                  // the whole turn, label and timing included
  std::vector<Span> content;  // what was said, in reading order
  // Start time of each content range (VTT/SRT cues merged into one turn); empty otherwise.
  std::vector<std::optional<double>> content_start;
  std::uint32_t line = 0;  // 1-based line of the turn's first byte
};

struct Transcript {
  std::vector<Turn> turns;
};

// Reads turns from `text` in `format` (docx text is read as plain text). Problems that do
// not stop the reading (a broken cue timing, an unclosed tag) are added to `warnings` with
// their location; the affected text is still kept.
Transcript parse_transcript(Format format, std::string_view text, std::string_view name,
                            Diagnostics& warnings);

Transcript parse_plain_text(std::string_view text);
Transcript parse_vtt(std::string_view text, std::string_view name, Diagnostics& warnings);
Transcript parse_srt(std::string_view text, std::string_view name, Diagnostics& warnings);

struct DocxLimits {
  std::uint64_t max_uncompressed = kDefaultMaxZipEntry;  // word/document.xml size bound
};

// Paragraph text of a .docx (word/document.xml): one line per paragraph, tabs and breaks
// kept as whitespace, no external entities expanded. Throws Error naming `name` when the
// bytes are not a zip, the part is missing or larger than the limit, or the XML is broken.
std::string extract_docx_text(std::string_view zip_bytes, std::string_view name,
                              const DocxLimits& limits = {});

// Parses "01:02:03.456", "02:03.456", "0:0:0.0", "00:00:01,000" (SRT) or "[00:01:02]" into
// seconds; nullopt when it is not a timestamp.
std::optional<double> parse_timestamp(std::string_view s);

}  // namespace verbatim
