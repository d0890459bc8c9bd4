#include "verbatim/keyness.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace verbatim {

double log_likelihood(double a, double b, double c, double d) {
  const double n = c + d;
  if (n <= 0) return 0;
  // Observed cells and their expectations from the row and column totals.
  const double o[4] = {a, b, c - a, d - b};
  const double e[4] = {c * (a + b) / n, d * (a + b) / n, c * (n - a - b) / n, d * (n - a - b) / n};
  double g2 = 0;
  for (int i = 0; i < 4; ++i) {
    if (o[i] > 0 && e[i] > 0) g2 += o[i] * std::log(o[i] / e[i]);
  }
  g2 *= 2;
  const bool over = c > 0 && d > 0 ? a / c > b / d : a > 0;
  return over ? g2 : -g2;
}

double chi2_yates(double a, double b, double c, double d) {
  const double n = c + d;
  const double denom = (a + b) * (c + d - a - b) * c * d;
  if (denom <= 0) return 0;
  const double diff = std::max(0.0, std::fabs(a * (d - b) - b * (c - a)) - n / 2);
  const double x = n * diff * diff / denom;
  const bool over = c > 0 && d > 0 ? a / c > b / d : a > 0;
  return over ? x : -x;
}

double log_ratio(double a, double b, double c, double d) {
  if (c <= 0 || d <= 0) return 0;
  return std::log2(((a > 0 ? a : 0.5) / c) / ((b > 0 ? b : 0.5) / d));
}

namespace {

double log_choose(double n, double k) {
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

// log P(X = x) for the hypergeometric law: x of the F word occurrences fall in a part of t
// tokens drawn from T.
double log_hyper(double x, double F, double t, double T) {
  return log_choose(F, x) + log_choose(T - F, t - x) - log_choose(T, t);
}

double log_sum_exp(const std::vector<double>& v) {
  if (v.empty()) return -INFINITY;
  const double m = *std::max_element(v.begin(), v.end());
  double s = 0;
  for (double x : v)
    s += std::exp(x - m);
  return m + std::log(s);
}

}  // namespace

double lafon_specificity(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
  const double T = static_cast<double>(c + d), t = static_cast<double>(c),
               F = static_cast<double>(a + b), k = static_cast<double>(a);
  if (T <= 0 || t <= 0 || F <= 0) return 0;
  const double lo = std::max(0.0, t + F - T), hi = std::min(F, t);
  std::vector<double> terms;
  if (k >= F * t / T) {
    for (double x = k; x <= hi; ++x)
      terms.push_back(log_hyper(x, F, t, T));
    return -log_sum_exp(terms) / std::log(10.0);
  }
  for (double x = lo; x <= k; ++x)
    terms.push_back(log_hyper(x, F, t, T));
  return log_sum_exp(terms) / std::log(10.0);
}

double chi2_p_value(double x) {
  return x <= 0 ? 1.0 : std::erfc(std::sqrt(x / 2));
}

std::vector<KeynessRow> keyness(const FrequencyTable& target, const FrequencyTable& reference,
                                KeynessMeasure measure) {
  std::map<std::string, KeynessRow> by_key;
  for (const auto& r : target.rows) {
    auto& k = by_key[r.key];
    k.word = r.word;
    k.target = r.count;
  }
  for (const auto& r : reference.rows) {
    auto& k = by_key[r.key];
    if (k.word.empty()) k.word = r.word;
    k.reference = r.count;
  }
  const double c = static_cast<double>(target.counted_tokens);
  const double d = static_cast<double>(reference.counted_tokens);
  std::vector<KeynessRow> out;
  out.reserve(by_key.size());
  for (auto& [key, k] : by_key) {
    const double a = static_cast<double>(k.target), b = static_cast<double>(k.reference);
    k.ll = log_likelihood(a, b, c, d);
    k.chi2 = chi2_yates(a, b, c, d);
    k.log_ratio = log_ratio(a, b, c, d);
    k.lafon =
        lafon_specificity(k.target, k.reference, target.counted_tokens, reference.counted_tokens);
    k.p_value = measure == KeynessMeasure::lafon  ? std::pow(10.0, -std::fabs(k.lafon))
                : measure == KeynessMeasure::chi2 ? chi2_p_value(std::fabs(k.chi2))
                                                  : chi2_p_value(std::fabs(k.ll));
    out.push_back(std::move(k));
  }
  std::sort(out.begin(), out.end(), [measure](const KeynessRow& x, const KeynessRow& y) {
    if (x.score(measure) != y.score(measure)) return x.score(measure) > y.score(measure);
    return x.word < y.word;
  });
  return out;
}

}  // namespace verbatim
