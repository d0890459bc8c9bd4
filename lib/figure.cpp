#include "verbatim/figure.hpp"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "verbatim/error.hpp"
#include "verbatim/html.hpp"

namespace verbatim {

// ---------------------------------------------------------------------------------------------
// Fonts

struct Fonts::Impl {
  FT_Library lib = nullptr;
  FT_Face face[2] = {nullptr, nullptr};  // regular, bold
  cairo_font_face_t* cairo[2] = {nullptr, nullptr};
  ~Impl() {
    for (int i = 0; i < 2; ++i) {
      if (cairo[i]) cairo_font_face_destroy(cairo[i]);
      if (face[i]) FT_Done_Face(face[i]);
    }
    if (lib) FT_Done_FreeType(lib);
  }
};

Fonts::Fonts() : impl_(std::make_unique<Impl>()) {}
Fonts::Fonts(Fonts&&) noexcept = default;
Fonts& Fonts::operator=(Fonts&&) noexcept = default;
Fonts::~Fonts() = default;

Fonts Fonts::load(const std::string& dir_in) {
  const std::string dir = dir_in.empty() ? "/usr/share/fonts/truetype/dejavu" : dir_in;
  Fonts f;
  if (FT_Init_FreeType(&f.impl_->lib) != 0) throw Error("cannot start FreeType");
  const char* names[2] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};
  for (int i = 0; i < 2; ++i) {
    const std::string path = dir + "/" + names[i];
    if (FT_New_Face(f.impl_->lib, path.c_str(), 0, &f.impl_->face[i]) != 0) {
      throw Error(Location{path, 0, 0, std::nullopt},
                  "cannot open the font (Debian package fonts-dejavu-core)");
    }
    f.impl_->cairo[i] = cairo_ft_font_face_create_for_ft_face(f.impl_->face[i], 0);
  }
  return f;
}

namespace {

// Advance of UTF-8 text in font units scaled to `size` pixels, kerning included.
double measure(FT_Face face, std::string_view text, double size) {
  const double scale = size / face->units_per_EM;
  double width = 0;
  FT_UInt prev = 0;
  const bool kerning = FT_HAS_KERNING(face);
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c;
    U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
    if (c < 0) c = 0xFFFD;
    const FT_UInt glyph = FT_Get_Char_Index(face, static_cast<FT_ULong>(c));
    if (kerning && prev && glyph) {
      FT_Vector k;
      if (FT_Get_Kerning(face, prev, glyph, FT_KERNING_UNSCALED, &k) == 0) width += k.x * scale;
    }
    if (FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0)
      width += face->glyph->advance.x * scale;
    prev = glyph;
  }
  return width;
}

}  // namespace

double Fonts::width(std::string_view text, double size, bool bold) const {
  return measure(impl_->face[bold ? 1 : 0], text, size);
}

double Fonts::ascent(double size, bool bold) const {
  const FT_Face f = impl_->face[bold ? 1 : 0];
  return f->ascender * size / f->units_per_EM;
}

double Fonts::descent(double size, bool bold) const {
  const FT_Face f = impl_->face[bold ? 1 : 0];
  return -f->descender * size / f->units_per_EM;
}

// ---------------------------------------------------------------------------------------------
// Colors

std::optional<Color> Color::parse(std::string_view hex) {
  if (hex.empty() || hex[0] != '#') return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string full;
  if (hex.size() == 4) {
    for (int i = 1; i < 4; ++i)
      full += std::string(2, hex[i]);
  } else if (hex.size() == 7) {
    full = hex.substr(1);
  } else {
    return std::nullopt;
  }
  int v[6];
  for (int i = 0; i < 6; ++i) {
    v[i] = digit(full[i]);
    if (v[i] < 0) return std::nullopt;
  }
  return Color{static_cast<std::uint8_t>(v[0] * 16 + v[1]),
               static_cast<std::uint8_t>(v[2] * 16 + v[3]),
               static_cast<std::uint8_t>(v[4] * 16 + v[5])};
}

std::string Color::hex() const {
  return fmt::format("#{:02x}{:02x}{:02x}", r, g, b);
}

const std::vector<Color>& palette() {
  static const std::vector<Color> kTableau10 = {
      {0x4e, 0x79, 0xa7}, {0xf2, 0x8e, 0x2b}, {0xe1, 0x57, 0x59}, {0x76, 0xb7, 0xb2},
      {0x59, 0xa1, 0x4f}, {0xed, 0xc9, 0x48}, {0xb0, 0x7a, 0xa1}, {0xff, 0x9d, 0xa7},
      {0x9c, 0x75, 0x5f}, {0xba, 0xb0, 0xac}};
  return kTableau10;
}

namespace {

const Color kInk{0x33, 0x33, 0x33};
const Color kGrid{0xdd, 0xdd, 0xdd};

// Mixes `c` toward white: t = 0 white, 1 the color.
Color tint(Color c, double t) {
  auto mix = [t](std::uint8_t v) {
    return static_cast<std::uint8_t>(std::lround(255 - (255 - v) * std::clamp(t, 0.0, 1.0)));
  };
  return {mix(c.r), mix(c.g), mix(c.b)};
}

bool dark(Color c) {
  return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 140;
}

// ---------------------------------------------------------------------------------------------
// SVG

std::string num(double v) {
  std::string s = fmt::format("{:.2f}", std::fabs(v) < 0.005 ? 0.0 : v);
  while (s.back() == '0')
    s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string paint(const char* attr, const std::optional<Color>& c) {
  return fmt::format(" {}=\"{}\"", attr, c ? c->hex() : "none");
}

void svg_shape(std::string& out, const Shape& s) {
  using K = Shape::Kind;
  std::string opacity = s.opacity < 1 ? " opacity=\"" + num(s.opacity) + "\"" : "";
  std::string stroke;
  if (s.stroke)
    stroke = paint("stroke", s.stroke) + " stroke-width=\"" + num(s.stroke_width) + "\"";
  switch (s.kind) {
    case K::rect:
      out += "<rect x=\"" + num(s.x) + "\" y=\"" + num(s.y) + "\" width=\"" + num(s.w) +
             "\" height=\"" + num(s.h) + "\"" + paint("fill", s.fill) + stroke + opacity + "/>";
      break;
    case K::line:
      out += "<line x1=\"" + num(s.x) + "\" y1=\"" + num(s.y) + "\" x2=\"" + num(s.w) + "\" y2=\"" +
             num(s.h) + "\"" + stroke + opacity + "/>";
      break;
    case K::circle:
      out += "<circle cx=\"" + num(s.x) + "\" cy=\"" + num(s.y) + "\" r=\"" + num(s.r) + "\"" +
             paint("fill", s.fill) + stroke + opacity + "/>";
      break;
    case K::text: {
      const char* anchor = s.anchor == Shape::Anchor::middle ? "middle"
                           : s.anchor == Shape::Anchor::end  ? "end"
                                                             : "start";
      out += "<text x=\"" + num(s.x) + "\" y=\"" + num(s.y) + "\" font-size=\"" + num(s.size) +
             "\" text-anchor=\"" + anchor + "\"" + (s.bold ? " font-weight=\"bold\"" : "") +
             paint("fill", s.fill ? s.fill : kInk) + opacity + ">";
      append_html_escaped(out, s.text);
      out += "</text>";
      break;
    }
  }
}

}  // namespace

std::string to_svg(const Scene& s) {
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(s.width) +
                    "\" height=\"" + num(s.height) + "\" viewBox=\"0 0 " + num(s.width) + " " +
                    num(s.height) + "\" font-family=\"DejaVu Sans, sans-serif\">\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + num(s.width) + "\" height=\"" + num(s.height) +
         "\" fill=\"" + s.background.hex() + "\"/>\n";
  for (const Shape& shape : s.shapes) {
    if (!shape.title.empty()) {
      out += "<g><title>";
      append_html_escaped(out, shape.title);
      out += "</title>";
      svg_shape(out, shape);
      out += "</g>\n";
    } else {
      svg_shape(out, shape);
      out += "\n";
    }
  }
  return out + "</svg>\n";
}

// ---------------------------------------------------------------------------------------------
// PNG

namespace {

void set_color(cairo_t* cr, Color c, double opacity) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, opacity);
}

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void draw(cairo_t* cr, const Shape& s, const Fonts& fonts) {
  using K = Shape::Kind;
  switch (s.kind) {
    case K::rect:
      cairo_rectangle(cr, s.x, s.y, s.w, s.h);
      break;
    case K::line:
      cairo_move_to(cr, s.x, s.y);
      cairo_line_to(cr, s.w, s.h);
      break;
    case K::circle:
      cairo_new_sub_path(cr);
      cairo_arc(cr, s.x, s.y, s.r, 0, 2 * M_PI);
      break;
    case K::text: {
      cairo_set_font_face(cr, fonts.impl()->cairo[s.bold ? 1 : 0]);
      cairo_set_font_size(cr, s.size);
      const double w = fonts.width(s.text, s.size, s.bold);
      const double x = s.anchor == Shape::Anchor::middle ? s.x - w / 2
                       : s.anchor == Shape::Anchor::end  ? s.x - w
                                                         : s.x;
      set_color(cr, s.fill ? *s.fill : kInk, s.opacity);
      cairo_move_to(cr, x, s.y);
      cairo_show_text(cr, s.text.c_str());
      cairo_new_path(cr);
      return;
    }
  }
  if (s.fill && s.kind != K::line) {
    set_color(cr, *s.fill, s.opacity);
    if (s.stroke) {
      cairo_fill_preserve(cr);
    } else {
      cairo_fill(cr);
    }
  }
  if (s.stroke) {
    set_color(cr, *s.stroke, s.opacity);
    cairo_set_line_width(cr, s.stroke_width);
    cairo_stroke(cr);
  }
  cairo_new_path(cr);
}

}  // namespace

std::string to_png(const Scene& s, const Fonts& fonts, double scale) {
  const int w = static_cast<int>(std::ceil(s.width * scale));
  const int h = static_cast<int>(std::ceil(s.height * scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, scale, scale);
  set_color(cr, s.background, 1);
  cairo_paint(cr);
  for (const Shape& shape : s.shapes)
    draw(cr, shape, fonts);
  cairo_destroy(cr);
  std::string out;
  const cairo_status_t st = cairo_surface_write_to_png_stream(surface, append_png, &out);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS)
    throw Error(std::string("cannot draw the PNG: ") + cairo_status_to_string(st));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Charts

namespace {

Shape text_shape(double x, double y, std::string text, double size, Shape::Anchor anchor,
                 std::optional<Color> fill = std::nullopt, bool bold = false) {
  Shape t;
  t.kind = Shape::Kind::text;
  t.x = x;
  t.y = y;
  t.text = std::move(text);
  t.size = size;
  t.anchor = anchor;
  t.fill = fill;
  t.bold = bold;
  return t;
}

Shape rect_shape(double x, double y, double w, double h, std::optional<Color> fill) {
  Shape r;
  r.kind = Shape::Kind::rect;
  r.x = x;
  r.y = y;
  r.w = w;
  r.h = h;
  r.fill = fill;
  return r;
}

// The title at the top; returns the y where the chart starts.
double put_title(Scene& s, const ChartOptions& o) {
  if (o.title.empty()) return 12;
  s.shapes.push_back(text_shape(12, 26, o.title, 16, Shape::Anchor::start, kInk, true));
  return 44;
}

}  // namespace

Scene bar_chart(const std::vector<Bar>& bars, const ChartOptions& o, const Fonts& fonts) {
  Scene s;
  s.width = o.width;
  const double label_size = 13, row = 24, bar_h = 16;
  double label_w = 0, value_w = 0, max_v = 0;
  std::vector<std::string> values;
  for (const Bar& b : bars) {
    label_w = std::max(label_w, fonts.width(b.label, label_size));
    values.push_back(fmt::format(fmt::runtime(o.value_format), b.value));
    value_w = std::max(value_w, fonts.width(values.back(), label_size));
    max_v = std::max(max_v, b.value);
  }
  label_w = std::min(label_w, o.width * 0.4);
  const double top = put_title(s, o);
  const double x0 = 12 + label_w + 8;
  const double span = std::max(40.0, o.width - x0 - value_w - 20);
  s.height = top + row * static_cast<double>(bars.size()) + 12;
  s.shapes.push_back([&] {
    Shape axis;
    axis.kind = Shape::Kind::line;
    axis.x = x0;
    axis.y = top;
    axis.w = x0;
    axis.h = s.height - 12;
    axis.stroke = kGrid;
    axis.stroke_width = 1;
    return axis;
  }());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double y = top + row * static_cast<double>(i);
    const double len = max_v > 0 ? span * std::max(0.0, b.value) / max_v : 0;
    Shape bar = rect_shape(x0, y + (row - bar_h) / 2, len, bar_h,
                           b.color ? b.color : (o.color ? o.color : palette()[0]));
    bar.title = b.label + ": " + values[i];
    s.shapes.push_back(bar);
    s.shapes.push_back(
        text_shape(x0 - 8, y + row / 2 + 4.5, b.label, label_size, Shape::Anchor::end));
    s.shapes.push_back(
        text_shape(x0 + len + 6, y + row / 2 + 4.5, values[i], label_size, Shape::Anchor::start));
  }
  return s;
}

std::vector<Box> text_boxes(const Scene& s, const Fonts& fonts) {
  std::vector<Box> out;
  for (const Shape& t : s.shapes) {
    if (t.kind != Shape::Kind::text) continue;
    const double w = fonts.width(t.text, t.size, t.bold);
    const double x = t.anchor == Shape::Anchor::middle ? t.x - w / 2
                     : t.anchor == Shape::Anchor::end  ? t.x - w
                                                       : t.x;
    out.push_back(
        {x, t.y - fonts.ascent(t.size, t.bold), x + w, t.y + fonts.descent(t.size, t.bold)});
  }
  return out;
}

Scene word_cloud(const std::vector<CloudWord>& words_in, const ChartOptions& o,
                 const Fonts& fonts) {
  Scene s;
  s.width = o.width;
  s.height = std::round(o.width * 0.6);
  const double top = put_title(s, o);
  // Largest first; ties in alphabetical order so the input order never matters.
  std::vector<CloudWord> words = words_in;
  std::stable_sort(words.begin(), words.end(), [](const CloudWord& a, const CloudWord& b) {
    return a.count != b.count ? a.count > b.count : a.word < b.word;
  });
  if (words.size() > o.max_words) words.resize(o.max_words);
  if (words.empty()) return s;
  const double hi = std::sqrt(std::max(words.front().count, 1e-9));
  const double lo = std::sqrt(std::max(words.back().count, 0.0));
  const double cx = s.width / 2, cy = top + (s.height - top) / 2;
  const double pad = 2;
  std::vector<Box> placed;
  const auto& pal = palette();
  for (std::size_t rank = 0; rank < words.size(); ++rank) {
    const CloudWord& w = words[rank];
    const double t = hi > lo ? (std::sqrt(std::max(w.count, 0.0)) - lo) / (hi - lo) : 1.0;
    const double size = std::round((12 + t * 60) * 2) / 2;
    const double tw = fonts.width(w.word, size), asc = fonts.ascent(size),
                 desc = fonts.descent(size);
    // Archimedean spiral r = a * theta, small steps; the first free position wins.
    bool done = false;
    for (double theta = 0; theta < 600 && !done; theta += 0.1) {
      const double r = 2.2 * theta;
      const double x = cx + r * std::cos(theta) * 1.4 - tw / 2;  // wider than tall
      const double y = cy + r * std::sin(theta) + (asc - desc) / 2;
      const Box b{x - pad, y - asc - pad, x + tw + pad, y + desc + pad};
      if (b.x0 < 4 || b.x1 > s.width - 4 || b.y0 < top || b.y1 > s.height - 4) continue;
      const bool clash = std::any_of(placed.begin(), placed.end(), [&](const Box& p) {
        return b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1;
      });
      if (clash) continue;
      placed.push_back(b);
      Shape text =
          text_shape(x, y, w.word, size, Shape::Anchor::start,
                     w.color ? w.color : (o.color ? o.color : pal[(rank + o.seed) % pal.size()]));
      text.title = fmt::format("{}: {}", w.word, w.count);
      s.shapes.push_back(std::move(text));
      done = true;
    }
  }
  return s;
}

Scene heat_map(const Matrix& m, const ChartOptions& o, const Fonts& fonts) {
  Scene s;
  const double size = 12, row_h = 26;
  double label_w = 0;
  for (const auto& r : m.rows)
    label_w = std::max(label_w, fonts.width(r, size));
  double cell_w = 60;
  for (const auto& c : m.columns)
    cell_w = std::max(cell_w, fonts.width(c, size) + 12);
  const double top = put_title(s, o) + 24;
  const double x0 = 12 + label_w + 10;
  s.width = std::max(o.width, x0 + cell_w * static_cast<double>(m.columns.size()) + 12);
  s.height = top + row_h * static_cast<double>(m.rows.size()) + 12;
  auto value_of = [](const std::string& v) -> double {
    if (v == "✓") return -1;
    if (v == "?") return -2;
    std::string d = v;
    std::replace(d.begin(), d.end(), ',', '.');
    return std::strtod(d.c_str(), nullptr);
  };
  double max_v = 0;
  for (const auto& row : m.cells) {
    for (const auto& v : row)
      max_v = std::max(max_v, value_of(v));
  }
  for (std::size_t c = 0; c < m.columns.size(); ++c) {
    s.shapes.push_back(text_shape(x0 + cell_w * (static_cast<double>(c) + 0.5), top - 8,
                                  m.columns[c], size, Shape::Anchor::middle, kInk, true));
  }
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const double y = top + row_h * static_cast<double>(r);
    s.shapes.push_back(text_shape(x0 - 8, y + row_h / 2 + 4, m.rows[r], size, Shape::Anchor::end));
    const Color base = r < m.row_colors.size() && m.row_colors[r]
                           ? *m.row_colors[r]
                           : (o.color ? *o.color : palette()[0]);
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
      const std::string v = r < m.cells.size() && c < m.cells[r].size() ? m.cells[r][c] : "";
      const double x = x0 + cell_w * static_cast<double>(c);
      const double val = value_of(v);
      const double share = val == -1 ? 1.0 : val == -2 ? 0.4 : max_v > 0 ? val / max_v : 0;
      const Color fill = tint(base, share);
      Shape cell = rect_shape(x, y, cell_w, row_h, fill);
      cell.stroke = Color{255, 255, 255};
      cell.stroke_width = 1;
      cell.title = m.rows[r] + " · " + m.columns[c] + ": " + v;
      s.shapes.push_back(cell);
      if (!v.empty()) {
        s.shapes.push_back(text_shape(x + cell_w / 2, y + row_h / 2 + 4, v, size,
                                      Shape::Anchor::middle,
                                      dark(fill) ? Color{255, 255, 255} : kInk));
      }
    }
  }
  return s;
}

Scene network_graph(const Network& n, const ChartOptions& o, const Fonts& fonts) {
  Scene s;
  s.width = o.width;
  s.height = std::round(o.width * 0.75);
  const double top = put_title(s, o);
  if (n.nodes.empty()) return s;
  double max_w = 0, max_e = 0;
  for (const auto& node : n.nodes)
    max_w = std::max(max_w, node.weight);
  for (const auto& e : n.edges)
    max_e = std::max(max_e, e.weight);
  auto radius = [&](double w) { return 4 + 14 * (max_w > 0 ? std::sqrt(w / max_w) : 1); };

  // Graphviz neato with a fixed seed places the nodes; positions are read from "plain" output.
  GVC_t* gvc = gvContext();
  Agraph_t* g = agopen(const_cast<char*>("g"), Agundirected, nullptr);
  agsafeset(g, const_cast<char*>("start"), const_cast<char*>("regular"), const_cast<char*>(""));
  agsafeset(g, const_cast<char*>("overlap"), const_cast<char*>("scalexy"), const_cast<char*>(""));
  agsafeset(g, const_cast<char*>("splines"), const_cast<char*>("false"), const_cast<char*>(""));
  agsafeset(g, const_cast<char*>("sep"), const_cast<char*>("+12"), const_cast<char*>(""));
  std::vector<Agnode_t*> nodes;
  for (std::size_t i = 0; i < n.nodes.size(); ++i) {
    const std::string name = "n" + std::to_string(i);
    Agnode_t* v = agnode(g, const_cast<char*>(name.c_str()), 1);
    const double r = radius(n.nodes[i].weight);
    const double label_w = fonts.width(n.nodes[i].label, 12) + 2 * r + 8;
    // An empty label: the size is fixed from our own font metrics, so Graphviz never measures
    // text (its Pango text measuring reads a freed font name in Graphviz 2.42).
    agsafeset(v, const_cast<char*>("label"), const_cast<char*>(""), const_cast<char*>(""));
    agsafeset(v, const_cast<char*>("shape"), const_cast<char*>("box"), const_cast<char*>(""));
    agsafeset(v, const_cast<char*>("fixedsize"), const_cast<char*>("true"), const_cast<char*>(""));
    agsafeset(v, const_cast<char*>("width"), const_cast<char*>(num(label_w / 72).c_str()),
              const_cast<char*>(""));
    agsafeset(v, const_cast<char*>("height"), const_cast<char*>(num(2 * r / 72 + 0.1).c_str()),
              const_cast<char*>(""));
    nodes.push_back(v);
  }
  for (const auto& e : n.edges) {
    if (e.a >= nodes.size() || e.b >= nodes.size() || e.a == e.b) continue;
    Agedge_t* edge = agedge(g, nodes[e.a], nodes[e.b], nullptr, 1);
    agsafeset(edge, const_cast<char*>("len"),
              const_cast<char*>(num(1.3 - 0.6 * (max_e > 0 ? e.weight / max_e : 0)).c_str()),
              const_cast<char*>(""));
  }
  if (gvLayout(gvc, g, "neato") != 0) {
    agclose(g);
    gvFreeContext(gvc);
    throw Error("Graphviz could not lay out the network");
  }
  char* buf = nullptr;
  unsigned int len = 0;
  gvRenderData(gvc, g, "plain", &buf, &len);
  std::vector<std::pair<double, double>> pos(n.nodes.size(), {0, 0});
  std::istringstream plain(std::string(buf ? buf : "", len));
  std::string line;
  while (std::getline(plain, line)) {
    std::istringstream ls(line);
    std::string kind, name;
    double x = 0, y = 0;
    ls >> kind >> name >> x >> y;
    if (kind != "node" || name.size() < 2) continue;
    const std::size_t i = std::stoul(name.substr(1));
    if (i < pos.size()) pos[i] = {x * 72, -y * 72};  // inches to points; y grows upward
  }
  gvFreeRenderData(buf);
  gvFreeLayout(gvc, g);
  agclose(g);
  gvFreeContext(gvc);

  // Graphviz works in points: drawn one point to a pixel, every node keeps the room its box
  // (circle and label) was given, so nothing overlaps; the canvas grows to fit the layout.
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  std::vector<double> box_w(n.nodes.size());
  for (std::size_t i = 0; i < n.nodes.size(); ++i) {
    box_w[i] = fonts.width(n.nodes[i].label, 12) + 2 * radius(n.nodes[i].weight) + 8;
    x0 = std::min(x0, pos[i].first - box_w[i] / 2);
    x1 = std::max(x1, pos[i].first + box_w[i] / 2);
    y0 = std::min(y0, pos[i].second - 18);
    y1 = std::max(y1, pos[i].second + 18);
  }
  const double margin = 16;
  s.width = std::max(s.width, x1 - x0 + 2 * margin);
  s.height = std::max(top + 2 * margin + 100, y1 - y0 + top + 2 * margin);
  const double dx = (s.width - (x1 - x0)) / 2 - x0, dy = top + margin - y0;
  // The circle sits at the left end of the node's box, its label after it.
  auto at = [&](std::size_t i) {
    return std::pair<double, double>{pos[i].first + dx - box_w[i] / 2 + radius(n.nodes[i].weight),
                                     pos[i].second + dy};
  };
  for (const auto& e : n.edges) {
    if (e.a >= nodes.size() || e.b >= nodes.size() || e.a == e.b) continue;
    Shape l;
    l.kind = Shape::Kind::line;
    std::tie(l.x, l.y) = at(e.a);
    std::tie(l.w, l.h) = at(e.b);
    l.stroke = Color{0x99, 0x99, 0x99};
    l.stroke_width = 1 + 7 * (max_e > 0 ? e.weight / max_e : 0);
    l.opacity = 0.6;
    l.title = n.nodes[e.a].label + " – " + n.nodes[e.b].label + ": " + num(e.weight);
    s.shapes.push_back(l);
  }
  const auto& pal = palette();
  for (std::size_t i = 0; i < n.nodes.size(); ++i) {
    const auto [x, y] = at(i);
    Shape c;
    c.kind = Shape::Kind::circle;
    c.x = x;
    c.y = y;
    c.r = radius(n.nodes[i].weight);
    c.fill = n.nodes[i].color ? n.nodes[i].color : (o.color ? o.color : pal[0]);
    c.stroke = Color{255, 255, 255};
    c.stroke_width = 1.5;
    c.title = n.nodes[i].label + ": " + num(n.nodes[i].weight);
    s.shapes.push_back(c);
    s.shapes.push_back(text_shape(x + c.r + 4, y + 4, n.nodes[i].label, 12, Shape::Anchor::start));
  }
  return s;
}

}  // namespace verbatim
