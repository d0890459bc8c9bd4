#include "verbatim/keyness.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace verbatim;

// Target: a = 10 of c = 1000 tokens; reference: b = 5 of d = 2000.
// Expected cells: E(a) = 1000 * 15 / 3000 = 5, E(b) = 10, E(c-a) = 995, E(d-b) = 1990.
// G2 = 2 * (10 ln(10/5) + 5 ln(5/10) + 990 ln(990/995) + 1995 ln(1995/1990))
//    = 2 * (6.931472 - 3.465736 - 4.987399 + 5.006259) = 6.969192 (over-use: +).
TEST_CASE("Log-likelihood: AntConc's four-term G2, signed", "[keyness]") {
  const double g2 = 2 * (10 * std::log(2.0) + 5 * std::log(0.5) + 990 * std::log(990.0 / 995) +
                         1995 * std::log(1995.0 / 1990));
  CHECK(log_likelihood(10, 5, 1000, 2000) == Approx(g2));
  CHECK(log_likelihood(10, 5, 1000, 2000) == Approx(6.9692).epsilon(1e-4));
  CHECK(log_likelihood(5, 10, 2000, 1000) == Approx(-g2));  // under-use is negative
  CHECK(log_likelihood(0, 0, 1000, 2000) == 0);
  // A zero cell contributes nothing: a = 0, b = 6, c = d = 100 -> E(a) = 3, E(b) = 3,
  // E(c-a) = 97, E(d-b) = 97: G2 = 2 (6 ln 2 + 100 ln(100/97) + 94 ln(94/97)) = 8.3539.
  CHECK(log_likelihood(0, 6, 100, 100) ==
        Approx(-2 * (6 * std::log(2.0) + 100 * std::log(100.0 / 97) + 94 * std::log(94.0 / 97))));
}

// N = 3000; |a(d-b) - b(c-a)| = |10 * 1995 - 5 * 990| = 15000; minus N/2 = 13500;
// chi2 = 3000 * 13500^2 / (15 * 2985 * 1000 * 2000) = 6.1055.
TEST_CASE("Chi-square with Yates's correction", "[keyness]") {
  CHECK(chi2_yates(10, 5, 1000, 2000) ==
        Approx(3000.0 * 13500 * 13500 / (15.0 * 2985 * 1000 * 2000)));
  CHECK(chi2_yates(10, 5, 1000, 2000) == Approx(6.1055).epsilon(1e-4));
  CHECK(chi2_yates(5, 10, 2000, 1000) < 0);
}

// log2((10/1000) / (5/2000)) = log2(4) = 2; a zero count becomes 0.5.
TEST_CASE("Log ratio (Hardie)", "[keyness]") {
  CHECK(log_ratio(10, 5, 1000, 2000) == Approx(2.0));
  CHECK(log_ratio(0, 5, 1000, 2000) == Approx(std::log2((0.5 / 1000) / (5.0 / 2000))));
  CHECK(log_ratio(4, 0, 100, 100) == Approx(3.0));
}

// Hypergeometric by hand: T = 10, t = 5, F = 4, k = 4: P(X >= 4) = C(4,4) C(6,1) / C(10,5)
// = 6 / 252; specificity = -log10(6/252) = 1.6232. k = 0 (expected 2): P(X <= 0) =
// C(6,5) / 252 = 6 / 252 -> -1.6232.
TEST_CASE("Lafon specificities in log space", "[keyness]") {
  CHECK(lafon_specificity(4, 0, 5, 5) == Approx(-std::log10(6.0 / 252)));
  CHECK(lafon_specificity(0, 4, 5, 5) == Approx(std::log10(6.0 / 252)));
  // k = 3: P(X >= 3) = (C(4,3) C(6,2) + 6) / 252 = 66 / 252.
  CHECK(lafon_specificity(3, 1, 5, 5) == Approx(-std::log10(66.0 / 252)));
  // Large counts stay finite (no overflow of the binomials).
  const double big = lafon_specificity(5000, 1000, 1000000, 1000000);
  CHECK(std::isfinite(big));
  CHECK(big > 100);
}

TEST_CASE("p-values of the chi-square with one degree of freedom", "[keyness]") {
  CHECK(chi2_p_value(3.841459) == Approx(0.05).epsilon(1e-5));
  CHECK(chi2_p_value(6.634897) == Approx(0.01).epsilon(1e-5));
  CHECK(chi2_p_value(0) == 1.0);
}

TEST_CASE("keyness joins tables by group and ranks by the measure", "[keyness]") {
  FrequencyTable target, reference;
  target.counted_tokens = 1000;
  reference.counted_tokens = 2000;
  target.rows = {{"fr:ia", "IA", 2, 10, 10, {}, 1}, {"fr:client", "clients", 7, 5, 5, {}, 1}};
  reference.rows = {{"fr:ia", "ia", 2, 5, 5, {}, 1},
                    {"fr:client", "client", 6, 40, 40, {}, 1},
                    {"fr:prix", "prix", 4, 3, 3, {}, 1}};
  const auto rows = keyness(target, reference, KeynessMeasure::ll);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].word == "IA");
  CHECK(rows[0].target == 10);
  CHECK(rows[0].reference == 5);
  CHECK(rows[0].ll == Approx(6.9692).epsilon(1e-4));
  CHECK(rows[0].p_value == Approx(chi2_p_value(rows[0].ll)));
  CHECK(rows[1].word == "prix");
  CHECK(rows[1].target == 0);
  CHECK(rows[2].word == "clients");
  CHECK(rows[2].ll < 0);
}
