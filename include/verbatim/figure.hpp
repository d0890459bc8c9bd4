// figure: the charts a thesis prints, as SVG (text kept as text) and PNG (Cairo), laid out
// deterministically with real glyph metrics (FreeType, DejaVu Sans from Debian's
// fonts-dejavu-core).
//
// Every chart is first built as a Scene of primitives (rectangles, lines, circles, texts) in
// pixel coordinates; to_svg() and to_png() draw the same scene, so the SVG and the PNG of a
// figure agree. Identical input gives byte-identical SVG and PNG.
//
//   Fonts fonts = Fonts::load();                     // throws Error when the font is missing
//   Scene s = word_cloud({{"client", 277}, ...}, {}, fonts);
//   std::string svg = to_svg(s);
//   std::string png = to_png(s, fonts);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verbatim {

// DejaVu Sans (regular and bold) opened with FreeType; measures text in pixels.
class Fonts {
 public:
  // From `dir` (default /usr/share/fonts/truetype/dejavu): DejaVuSans.ttf, DejaVuSans-Bold.ttf.
  static Fonts load(const std::string& dir = "");
  Fonts(Fonts&&) noexcept;
  Fonts& operator=(Fonts&&) noexcept;
  ~Fonts();
  // Advance width of UTF-8 `text` at `size` pixels (sum of glyph advances, kerning included).
  double width(std::string_view text, double size, bool bold = false) const;
  // Ascent and descent (positive) at `size` pixels.
  double ascent(double size, bool bold = false) const;
  double descent(double size, bool bold = false) const;
  struct Impl;
  Impl* impl() const { return impl_.get(); }

 private:
  Fonts();
  std::unique_ptr<Impl> impl_;
};

struct Color {
  std::uint8_t r = 0, g = 0, b = 0;
  static std::optional<Color> parse(std::string_view hex);  // "#rrggbb" or "#rgb"
  std::string hex() const;                                  // "#rrggbb"
};

struct Shape {
  enum class Kind : std::uint8_t { rect, line, circle, text } kind = Kind::rect;
  double x = 0, y = 0;  // rect: top-left; line: start; circle: center; text: anchor point
  double w = 0, h = 0;  // rect: size; line: end point (x2, y2) stored in w, h
  double r = 0;         // circle radius
  double stroke_width = 0;
  std::optional<Color> fill, stroke;
  double opacity = 1.0;
  std::string text;  // text: UTF-8
  double size = 12;  // text: font size in pixels
  bool bold = false;
  enum class Anchor : std::uint8_t { start, middle, end } anchor = Anchor::start;
  std::string title;  // tooltip in SVG (<title>), e.g. "client: 277"
};

struct Scene {
  double width = 800, height = 600;
  Color background{255, 255, 255};
  std::vector<Shape> shapes;  // drawn in order
};

// SVG 1.1: one element per shape, texts as <text> with font-family "DejaVu Sans", all text
// escaped; numbers printed with at most 2 decimals.
std::string to_svg(const Scene& s);
// PNG bytes (Cairo image surface, ARGB32, `scale` x the scene size).
std::string to_png(const Scene& s, const Fonts& fonts, double scale = 1.0);

struct Bar {
  std::string label;
  double value = 0;
  std::optional<Color> color;
};

struct ChartOptions {
  std::string title;                // drawn at the top when not empty
  double width = 800;               // pixels; heights follow from the content
  std::optional<Color> color;       // default bar/word color
  std::uint32_t seed = 1;           // word cloud: order of ties and palette offset
  std::size_t max_words = 100;      // word cloud
  std::string value_format = "{}";  // bar labels: fmt-style, e.g. "{:.2f}"
};

// Horizontal bar chart, largest first (input order kept), labels left, values right.
Scene bar_chart(const std::vector<Bar>& bars, const ChartOptions& opts, const Fonts& fonts);

// Word cloud: font size from the count (square-root scale between 12 and 72 px), words placed
// largest first on an Archimedean spiral from the centre, each at the first position where its
// box (real glyph metrics, 2 px padding) overlaps no placed box; words that never fit are left
// out. Deterministic: same words and counts give the same picture.
struct CloudWord {
  std::string word;
  double count = 0;
  std::optional<Color> color;
};
Scene word_cloud(const std::vector<CloudWord>& words, const ChartOptions& opts, const Fonts& fonts);
// The boxes of the placed words of a cloud scene (for tests: no two overlap).
struct Box {
  double x0, y0, x1, y1;
};
std::vector<Box> text_boxes(const Scene& s, const Fonts& fonts);

// Heat map of a matrix: rows x columns, cell shade from the value (0 = white, max = `color`),
// the value printed in each cell; `cells` holds text values ("3", "12.5", "✓", "✗", "?"):
// ✓ is full color, ? half, ✗ white.
struct Matrix {
  std::vector<std::string> rows, columns;
  std::vector<std::vector<std::string>> cells;   // rows x columns
  std::vector<std::optional<Color>> row_colors;  // optional per row (code colors)
};
Scene heat_map(const Matrix& m, const ChartOptions& opts, const Fonts& fonts);

// Co-occurrence network: nodes placed by Graphviz neato (fixed seed), node radius from the
// node's weight, edge width from the edge's weight, labels next to nodes.
struct Network {
  struct Node {
    std::string label;
    double weight = 1;
    std::optional<Color> color;
  };
  struct Edge {
    std::size_t a = 0, b = 0;
    double weight = 1;
  };
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};
Scene network_graph(const Network& n, const ChartOptions& opts, const Fonts& fonts);

// A fixed palette of 10 distinguishable colors (Tableau 10), for series without colors.
const std::vector<Color>& palette();

}  // namespace verbatim
