// inventory: what `verbatim corpus` tells about each document, and `corpus check`'s lint.
//
// Statistics count the turns kept by the caller's filter (e.g. --role). Lint findings are
// Diagnostics located at file:line; a corpus-wide finding (a speaker label spelled two ways)
// is reported at the first line of the rarer spelling.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "verbatim/corpus.hpp"
#include "verbatim/tokenizer.hpp"

namespace verbatim {

struct DocumentStats {
  std::size_t turns = 0;
  std::vector<std::string> speakers;       // distinct labels in order of first turn
  std::size_t words = 0;                   // word tokens
  std::size_t tokens = 0;                  // tokens of every kind
  std::optional<double> duration_seconds;  // last time minus first time
};

using TurnFilter = std::function<bool(const DocumentTurn&)>;

DocumentStats document_stats(const Document& doc, const TokenizerOptions& opts,
                             const TurnFilter& keep);

// "1:02:03" (hours not padded).
std::string format_duration(double seconds);

struct LintOptions {
  const SpeakerMap* speakers = nullptr;    // when set, unknown labels are findings
  const Attributes* attributes = nullptr;  // when set, documents without a row are findings
  std::vector<std::string> names;          // pseudonymised names that must not appear
};

class CorpusLinter {
 public:
  explicit CorpusLinter(LintOptions opts);
  // Lints one document; `read_warnings` are the reader's warnings (encoding, VTT timing).
  void add(const Document& doc, const Diagnostics& read_warnings, const TokenizerOptions& topts);
  // A file that could not be read at all.
  void add_failure(const Diagnostic& d) { findings_.push_back(d); }
  // All findings, in document order then line order (corpus-wide ones last).
  std::vector<Diagnostic> finish();

 private:
  LintOptions opts_;
  std::vector<Diagnostic> findings_;
  struct LabelUse {
    std::string file;
    std::size_t line = 0;
    std::size_t count = 0;
  };
  std::map<std::string, std::map<std::string, LabelUse>> labels_;  // folded -> spelling -> use
};

}  // namespace verbatim
