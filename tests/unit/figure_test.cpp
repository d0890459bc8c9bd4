#include "verbatim/figure.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "verbatim/error.hpp"

using namespace verbatim;

namespace {

const Fonts& fonts() {
  static const Fonts f = Fonts::load();
  return f;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1))
    ++n;
  return n;
}

// Width and height of a PNG from its IHDR chunk.
std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& png) {
  auto be = [&](std::size_t at) {
    return (std::uint32_t(std::uint8_t(png[at])) << 24) |
           (std::uint32_t(std::uint8_t(png[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(png[at + 2])) << 8) |
           std::uint32_t(std::uint8_t(png[at + 3]));
  };
  return {be(16), be(20)};
}

}  // namespace

TEST_CASE("Colors parse from #rrggbb and #rgb only", "[figure]") {
  CHECK(Color::parse("#1f77b4")->hex() == "#1f77b4");
  CHECK(Color::parse("#ABC")->hex() == "#aabbcc");
  CHECK_FALSE(Color::parse("red"));
  CHECK_FALSE(Color::parse("#12345"));
  CHECK_FALSE(Color::parse("#gg0000"));
  CHECK(palette().size() == 10);
}

TEST_CASE("Text is measured with the font's advances", "[figure]") {
  const Fonts& f = fonts();
  const double a = f.width("a", 20), b = f.width("b", 20), ab = f.width("ab", 20);
  CHECK(a > 5);
  CHECK(ab == Approx(a + b).margin(2));  // kerning only
  CHECK(f.width("client", 40) == Approx(2 * f.width("client", 20)));
  CHECK(f.width("client", 20, true) > f.width("client", 20));
  CHECK(f.width("", 20) == 0);
  CHECK(f.ascent(20) > f.descent(20));
  CHECK_THROWS_AS(Fonts::load("/nonexistent"), Error);
}

TEST_CASE("SVG escapes text and draws one element per shape", "[figure]") {
  Scene s;
  s.width = 100;
  s.height = 50;
  Shape t;
  t.kind = Shape::Kind::text;
  t.text = "a<b & \"c\"";
  t.x = 10.126;
  t.y = 20;
  t.title = "x > y";
  s.shapes.push_back(t);
  Shape r;
  r.kind = Shape::Kind::rect;
  r.w = 5;
  r.h = 5;
  r.fill = Color{1, 2, 3};
  s.shapes.push_back(r);
  const std::string svg = to_svg(s);
  CHECK(svg.find("a&lt;b &amp; &quot;c&quot;") != std::string::npos);
  CHECK(svg.find("<title>x &gt; y</title>") != std::string::npos);
  CHECK(svg.find("x=\"10.13\"") != std::string::npos);
  CHECK(count(svg, "<text") == 1);
  CHECK(count(svg, "<rect") == 2);  // with the background
  CHECK(svg.find("fill=\"#010203\"") != std::string::npos);
}

TEST_CASE("PNG output has the scene's size and is byte-identical", "[figure]") {
  const Scene s = bar_chart({{"client", 277, {}}, {"données", 74, {}}}, {}, fonts());
  const std::string a = to_png(s, fonts(), 2.0), b = to_png(s, fonts(), 2.0);
  CHECK(a == b);
  REQUIRE(a.size() > 100);
  CHECK(a.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  const auto [w, h] = png_size(a);
  CHECK(w == static_cast<std::uint32_t>(std::ceil(s.width * 2)));
  CHECK(h == static_cast<std::uint32_t>(std::ceil(s.height * 2)));
}

TEST_CASE("Bar charts keep the order and scale bars to the largest value", "[figure]") {
  ChartOptions o;
  o.title = "Mots";
  const Scene s = bar_chart({{"client", 200, {}}, {"IA", 100, {}}, {"prix", 0, {}}}, o, fonts());
  std::vector<const Shape*> bars;
  for (const Shape& sh : s.shapes) {
    if (sh.kind == Shape::Kind::rect) bars.push_back(&sh);
  }
  REQUIRE(bars.size() == 3);
  CHECK(bars[0]->title == "client: 200");
  CHECK(bars[1]->w == Approx(bars[0]->w / 2));
  CHECK(bars[2]->w == 0);
  CHECK(bars[0]->y < bars[1]->y);
  CHECK(to_svg(s).find(">Mots</text>") != std::string::npos);
}

TEST_CASE("Word clouds place words without overlap, inside the canvas", "[figure]") {
  std::vector<CloudWord> words;
  // Counts as interviews have them: a few frequent words, a long tail.
  for (int i = 0; i < 60; ++i)
    words.push_back({"mot" + std::to_string(i), 600.0 / (i + 3), {}});
  words.push_back({"personnalisation", 40, Color{1, 2, 3}});
  const Scene s = word_cloud(words, {}, fonts());
  const std::vector<Box> boxes = text_boxes(s, fonts());
  CHECK(boxes.size() >= 55);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    INFO(i);
    CHECK(boxes[i].x0 >= 0);
    CHECK(boxes[i].x1 <= s.width);
    CHECK(boxes[i].y0 >= 0);
    CHECK(boxes[i].y1 <= s.height);
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const bool overlap = boxes[i].x0 < boxes[j].x1 && boxes[j].x0 < boxes[i].x1 &&
                           boxes[i].y0 < boxes[j].y1 && boxes[j].y0 < boxes[i].y1;
      CHECK_FALSE(overlap);
    }
  }
  // Each word once; larger counts never get smaller type; colors kept.
  std::set<std::string> seen;
  double last = 1e9;
  for (const Shape& t : s.shapes) {
    REQUIRE(t.kind == Shape::Kind::text);
    CHECK(seen.insert(t.text).second);
    CHECK(t.size <= last);
    last = t.size;
    if (t.text == "personnalisation") CHECK(t.fill->hex() == "#010203");
  }
  CHECK(s.shapes.front().text == "mot0");
  CHECK(s.shapes.front().size == 72);
  // The same words in another order give the same picture.
  std::vector<CloudWord> reversed(words.rbegin(), words.rend());
  CHECK(to_svg(word_cloud(reversed, {}, fonts())) == to_svg(s));
}

TEST_CASE("Heat maps shade cells by value and mark presence", "[figure]") {
  Matrix m;
  m.rows = {"Prix", "Client"};
  m.columns = {"P01", "P02", "P03"};
  m.cells = {{"4", "2", "0"}, {"✓", "?", "✗"}};
  m.row_colors = {std::nullopt, Color{0, 0, 0}};
  const Scene s = heat_map(m, {}, fonts());
  std::vector<const Shape*> cells;
  for (const Shape& sh : s.shapes) {
    if (sh.kind == Shape::Kind::rect) cells.push_back(&sh);
  }
  REQUIRE(cells.size() == 6);
  CHECK(cells[0]->fill->hex() == palette()[0].hex());  // the largest value: full color
  CHECK(cells[2]->fill->hex() == "#ffffff");
  CHECK(cells[3]->fill->hex() == "#000000");  // ✓ in the row's color
  CHECK(cells[5]->fill->hex() == "#ffffff");  // ✗
  CHECK(cells[4]->fill->hex() == "#999999");  // ? at 40 %
}

TEST_CASE("Networks: one circle per node, one line per edge, deterministic", "[figure]") {
  Network n;
  for (const char* w : {"client", "fidélité", "données", "prix", "IA"})
    n.nodes.push_back({w, 10, {}});
  n.nodes[0].weight = 50;
  n.edges = {{0, 1, 9}, {0, 2, 4}, {2, 3, 1}, {3, 4, 2}, {0, 4, 7}};
  const Scene s = network_graph(n, {}, fonts());
  std::size_t circles = 0, lines = 0;
  for (const Shape& sh : s.shapes) {
    circles += sh.kind == Shape::Kind::circle;
    lines += sh.kind == Shape::Kind::line;
    if (sh.kind == Shape::Kind::circle) {
      CHECK(sh.x - sh.r >= 0);
      CHECK(sh.x + sh.r <= s.width);
      CHECK(sh.y - sh.r >= 0);
      CHECK(sh.y + sh.r <= s.height);
    }
  }
  CHECK(circles == 5);
  CHECK(lines == 5);
  CHECK(to_svg(network_graph(n, {}, fonts())) == to_svg(s));
  // Labels do not overlap one another.
  const std::vector<Box> b = text_boxes(s, fonts());
  for (std::size_t i = 0; i < b.size(); ++i) {
    for (std::size_t j = i + 1; j < b.size(); ++j) {
      CHECK_FALSE(
          (b[i].x0 < b[j].x1 && b[j].x0 < b[i].x1 && b[i].y0 < b[j].y1 && b[j].y0 < b[i].y1));
    }
  }
}
