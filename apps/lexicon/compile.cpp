// verbatim-lexicon-compile LANG IN.tsv OUT.lex: compiles a lexicon's TSV source into the file
// verbatim maps at run time (see include/verbatim/lexicon.hpp). A build step, not installed.
#include <cstdio>
#include <exception>
#include <string>

#include "verbatim/error.hpp"
#include "verbatim/lexicon.hpp"
#include "verbatim/sink.hpp"
#include "verbatim/source.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fputs("usage: verbatim-lexicon-compile LANG IN.tsv OUT.lex\n", stderr);
    return 2;
  }
  try {
    const std::string in = argv[2];
    verbatim::FileBytes bytes = verbatim::FileBytes::open(in);
    const std::string tsv = verbatim::decode(bytes.view(), in, {true}).text;
    verbatim::OutputFile out(argv[3]);
    out.write(verbatim::Lexicon::compile(tsv, in, argv[1]));
    out.commit();
    verbatim::Lexicon::load(argv[3]);  // the file it wrote opens
  } catch (const verbatim::Error& e) {
    std::fprintf(stderr, "verbatim-lexicon-compile: error: %s\n",
                 verbatim::format_diagnostic(e.diagnostic()).c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "verbatim-lexicon-compile: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
