#include "verbatim/html.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

TEST_CASE("HTML escaping leaves no markup", "[html]") {
  std::string out;
  append_html_escaped(out, "<script>alert('x')</script> & \"l’IA\"");
  CHECK(out == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;l’IA&quot;");
}
