// suggest: "did you mean" hints for mistyped tool names, flags and flag values.
//
// A hint is offered only for a word at most two edits (Levenshtein) from a known name, so an
// unrelated word gets the list of choices instead of a wrong guess.
//
//   throw UsageError(fmt::format("--lang must be auto, fr or en, not '{}'{}", v,
//                                did_you_mean(v, {"auto", "fr", "en"})));
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace verbatim::cli {

// Edit distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The name of `names` closest to `word`, at most two edits away (the first of equals), else "".
std::string closest_name(std::string_view word, const std::vector<std::string>& names);

// " (did you mean 'freq'?)" for closest_name(word, names), else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& names);

}  // namespace verbatim::cli
