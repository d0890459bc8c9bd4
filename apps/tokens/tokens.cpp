// verbatim tokens: the token stream with provenance, for inspection and piping.
#include <unordered_map>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/completion.hpp"
#include "cli/help.hpp"
#include "cli/installation.hpp"
#include "cli/suggest.hpp"
#include "tools.hpp"
#include "verbatim/segment.hpp"
#include "verbatim/stemmer.hpp"

namespace verbatim::cli {

namespace {

struct TokensArgs {
  CommonOptions common;
  std::string unit = "sentence";
};

// What a surface form becomes, computed once per distinct form.
struct FormInfo {
  std::string norm;
  std::string stem;
  std::string lemma;
  std::string_view pos;  // a UPOS tag from the lexicon (static storage) or ""
  bool stop = false;
};

class FormCache {
 public:
  FormCache(const CommonOptions& o, Language lang, const Lexicon* lexicon)
      : stopwords_(make_stopwords(o, lang)), stemmer_(lang), lexicon_(lexicon) {}
  const FormInfo& get(std::string_view surface, TokenKind kind) {
    auto it = forms_.find(surface);
    if (it != forms_.end()) return it->second;
    FormInfo info;
    info.norm = normalize_token(surface);
    if (kind == TokenKind::word) {
      info.stem = std::string(stemmer_.stem(info.norm));
      // A numeral in letters is not counted either, like the digits of a number token.
      info.stop = stopwords_.contains(info.norm) || stopwords_.numeral(info.norm);
      const LexiconEntry e = lexicon_ ? lexicon_->lookup(info.norm) : LexiconEntry{info.norm, ""};
      info.lemma = std::string(e.lemma);
      info.pos = e.pos;
    }
    return forms_.emplace(std::string(surface), std::move(info)).first->second;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  Stopwords stopwords_;
  Stemmer stemmer_;
  const Lexicon* lexicon_;
  // Keyed by surface: the tokenizer gives a surface form the same kind wherever it occurs.
  std::unordered_map<std::string, FormInfo, Hash, std::equal_to<>> forms_;
};

// A document's rows, in pieces of about 1 MiB so that no buffer doubles past what it holds.
struct Chunk {
  std::vector<std::string> pieces{1};
  std::size_t rows = 0;
};

// Formats the rows of one document; runs on a worker thread with that thread's caches.
Chunk render(const Document& doc, const CommonOptions& o, UnitKind unit_kind, HyphenMode hyphens,
             const Lexicons& lexicons, const CorpusReader& reader, const TableWriter& writer) {
  thread_local std::optional<FormCache> caches[2];
  auto& cache = caches[doc.language == Language::fr ? 0 : 1];
  if (!cache) cache.emplace(o, doc.language, lexicons.of(doc.language));
  Chunk chunk;
  const std::string_view text = doc.text;
  std::vector<Token> tokens;
  std::vector<Cell> cells(13);
  std::string unit_s, start_s, end_s, line_s;
  std::size_t unit = unit_kind == UnitKind::document ? 1 : 0;
  std::uint32_t line = 1, line_pos = 0;
  for (const auto& turn : doc.turns) {
    tokens.clear();
    tokenize_turn(text, turn, {doc.language, hyphens}, tokens);
    const std::vector<Span> units = unit_kind == UnitKind::document
                                        ? std::vector<Span>{}
                                        : turn_units(text, turn, unit_kind, tokens);
    const std::size_t first_unit = unit + 1;
    std::size_t u = 0;
    const bool keep = reader.keep_turn(turn);
    for (const Token& t : tokens) {
      while (u + 1 < units.size() && t.begin >= units[u].end)
        ++u;
      // Lines: count newlines forward; restart when cues were sorted out of file order.
      if (t.begin < line_pos) line = 1, line_pos = 0;
      for (; line_pos < t.begin; ++line_pos)
        line += text[line_pos] == '\n';
      if (!keep) continue;
      const std::string_view surface = text.substr(t.begin, t.end - t.begin);
      const FormInfo& f = cache->get(surface, t.kind);
      unit_s = std::to_string(unit_kind == UnitKind::document ? 1 : first_unit + u);
      start_s = std::to_string(t.begin);
      end_s = std::to_string(t.end);
      line_s = std::to_string(line);
      cells[0] = {doc.source.id};
      cells[1] = {unit_s, CellType::number};
      cells[2] = {turn.speaker, CellType::string, turn.speaker.empty()};
      cells[3] = {start_s, CellType::number};
      cells[4] = {end_s, CellType::number};
      cells[5] = {surface};
      cells[6] = {f.norm};
      cells[7] = {f.stem, CellType::string, t.kind != TokenKind::word};
      cells[8] = {f.lemma, CellType::string, t.kind != TokenKind::word};
      cells[9] = {f.pos, CellType::string, f.pos.empty()};
      cells[10] = {token_kind_name(t.kind)};
      cells[11] = {f.stop ? "true" : "false", CellType::boolean};
      cells[12] = {line_s, CellType::number};
      if (chunk.pieces.back().size() >= (1u << 20)) chunk.pieces.emplace_back();
      writer.format_row(chunk.pieces.back(), cells, chunk.rows == 0);
      ++chunk.rows;
    }
    if (unit_kind != UnitKind::document) unit += units.size();
  }
  return chunk;
}

int run_tokens(const TokensArgs& a) {
  const CommonOptions& o = a.common;
  auto unit_kind = parse_unit_kind(a.unit);
  if (!unit_kind) {
    throw UsageError(
        fmt::format("--unit must be document, turn, paragraph or sentence, not '{}'{}", a.unit,
                    did_you_mean(a.unit, {"sentence", "turn", "paragraph", "document"})));
  }
  const HyphenMode hyphens = parse_hyphens(o.hyphens);
  const std::shared_ptr<const Lexicons> lexicons = open_lexicons(o.lexicon, true);
  CorpusReader reader("tokens", o);
  TableOutput out = open_table(o,
                               {"doc", "unit", "speaker", "start", "end", "surface", "norm", "stem",
                                "lemma", "pos", "kind", "stop", "line"},
                               json_header("tokens", o));
  const bool ok = reader.map_documents<Chunk>(
      [&](Document& doc) {
        return render(doc, o, *unit_kind, hyphens, *lexicons, reader, *out.writer);
      },
      [&](Chunk& c) {
        out.writer->append_formatted(c.pieces[0], c.rows);
        for (std::size_t i = 1; i < c.pieces.size(); ++i)
          out.file->write(c.pieces[i]);
      });
  if (!ok) return kBadInput;
  out.commit();
  return kOk;
}

}  // namespace

void register_tokens(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TokensArgs>();
  CLI::App* cmd = app.add_subcommand("tokens", "The token stream with spans, norms, stems");
  add_common_flags(cmd, args->common);
  set_choices(cmd->add_option("--unit", args->unit,
                              "Numbering of units: sentence, turn, paragraph, document")
                  ->default_val("sentence"),
              {"sentence", "turn", "paragraph", "document"});
  set_help_footer(cmd,
                  "Columns: doc,unit,speaker,start,end,surface,norm,stem,lemma,pos,kind,stop,line\n"
                  "  start/end are byte offsets into the normalized text (the file's bytes for "
                  "clean UTF-8).",
                  {"verbatim tokens data/sample/interviews/p01.txt | head",
                   "verbatim tokens data/sample --role participant --format tsv -o tokens.tsv",
                   "echo \"L'IA, c'est aujourd'hui.\" | verbatim tokens --lang fr --format md"});
  cmd->callback([args, &exit_code] {
    exit_code = run_tool("tokens", args->common, [&] { return run_tokens(*args); });
  });
}

}  // namespace verbatim::cli
