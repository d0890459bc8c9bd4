// keyness: which words a target part over- or under-uses against a reference (DESIGN §12).
//
// Notation: the target has a occurrences of the word in c tokens, the reference b in d.
// Every score is signed: positive when the target over-uses the word (a/c > b/d).
//   log_likelihood: AntConc's four-term G² on the 2x2 table {a, b, c-a, d-b}
//   chi2_yates:     N (|a(d-b) - b(c-a)| - N/2)² / ((a+b)(c+d-a-b) c d), N = c + d
//   log_ratio:      Hardie's log2((a/c) / (b/d)), 0.5 in place of a zero count
//   lafon:          IRaMuTeQ/TXM specificity: -log10 P(X >= a) when a >= expected, else
//                   log10 P(X <= a), X hypergeometric (part c, corpus c+d, word total a+b)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "verbatim/frequency.hpp"

namespace verbatim {

double log_likelihood(double a, double b, double c, double d);
double chi2_yates(double a, double b, double c, double d);
double log_ratio(double a, double b, double c, double d);
double lafon_specificity(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d);
// Upper tail of the chi-square distribution with one degree of freedom.
double chi2_p_value(double x);

enum class KeynessMeasure { ll, chi2, lafon };

struct KeynessRow {
  std::string word;
  std::uint64_t target = 0, reference = 0;
  double ll = 0, chi2 = 0, log_ratio = 0, lafon = 0, p_value = 1;
  double score(KeynessMeasure m) const {
    return m == KeynessMeasure::ll ? ll : m == KeynessMeasure::chi2 ? chi2 : lafon;
  }
};

// Joins the two tables by group and ranks by `measure` descending (over-use first, under-use
// last), then word bytes. p_value is the chi-square(1) tail of |ll| or |chi2|, or 10^-|lafon|.
std::vector<KeynessRow> keyness(const FrequencyTable& target, const FrequencyTable& reference,
                                KeynessMeasure measure);

}  // namespace verbatim
