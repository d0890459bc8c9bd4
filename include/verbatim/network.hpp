// network: co-occurrence networks as files for Graphviz (DOT), Gephi/Cytoscape (GraphML) and
// scripts (JSON). Nodes carry the term's frequency, edges a weight and any further measures.
// All text is escaped for its format (DOT and JSON strings, XML character data).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace verbatim {

struct NetworkNode {
  std::string label;
  std::uint64_t frequency = 0;
};

struct NetworkEdge {
  std::size_t source = 0, target = 0;  // node indices
  std::uint64_t count = 0;
  std::string weight;  // formatted value of the ranking measure
  std::vector<std::pair<std::string, std::string>> measures;  // name, formatted value (JSON)
};

enum class NetworkFormat { dot, graphml, json };

// `header_json` is the tool's {"tool", "options"...} object, written into the JSON form.
std::string render_network(NetworkFormat format, const std::vector<NetworkNode>& nodes,
                           const std::vector<NetworkEdge>& edges, const std::string& header_json);

}  // namespace verbatim
