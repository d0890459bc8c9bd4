#include "verbatim/network.hpp"

#include <fmt/format.h>

#include "verbatim/html.hpp"
#include "verbatim/json.hpp"

namespace verbatim {

std::string render_network(NetworkFormat format, const std::vector<NetworkNode>& nodes,
                           const std::vector<NetworkEdge>& edges, const std::string& header_json) {
  std::string b;
  switch (format) {
    case NetworkFormat::dot:
      b += "graph cooccurrence {\n  node [shape=ellipse];\n";
      for (const auto& n : nodes) {
        b += "  ";
        append_json_string(b, n.label);  // DOT strings take the same escapes
        b += fmt::format(" [frequency={}];\n", n.frequency);
      }
      for (const auto& e : edges) {
        b += "  ";
        append_json_string(b, nodes[e.source].label);
        b += " -- ";
        append_json_string(b, nodes[e.target].label);
        b += fmt::format(" [weight={}];\n", e.weight);
      }
      b += "}\n";
      break;
    case NetworkFormat::graphml:
      b += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
           "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
           "  <key id=\"frequency\" for=\"node\" attr.name=\"frequency\" attr.type=\"long\"/>\n"
           "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
           "  <graph id=\"cooccurrence\" edgedefault=\"undirected\">\n";
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        b += fmt::format("    <node id=\"n{}\"><data key=\"label\">", i);
        append_html_escaped(b, nodes[i].label);
        b += fmt::format("</data><data key=\"frequency\">{}</data></node>\n", nodes[i].frequency);
      }
      for (const auto& e : edges) {
        b += fmt::format(
            "    <edge source=\"n{}\" target=\"n{}\"><data key=\"weight\">{}</data></edge>\n",
            e.source, e.target, e.weight);
      }
      b += "  </graph>\n</graphml>\n";
      break;
    case NetworkFormat::json:
      b += "{\"verbatim\":" + header_json + ",\"nodes\":[";
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        b += fmt::format("{}\n{{\"id\":{},\"word\":", i ? "," : "", i);
        append_json_string(b, nodes[i].label);
        b += fmt::format(",\"frequency\":{}}}", nodes[i].frequency);
      }
      b += "],\"edges\":[";
      for (std::size_t i = 0; i < edges.size(); ++i) {
        const auto& e = edges[i];
        b += fmt::format("{}\n{{\"source\":{},\"target\":{},\"count\":{}", i ? "," : "", e.source,
                         e.target, e.count);
        for (const auto& [name, value] : e.measures) {
          b += ",";
          append_json_string(b, name);
          b += ":" + value;
        }
        b += "}";
      }
      b += "]}\n";
      break;
  }
  return b;
}

}  // namespace verbatim
