#include "verbatim/network.hpp"

#include <catch2/catch.hpp>

using namespace verbatim;

namespace {

const std::vector<NetworkNode> kNodes = {{"l'IA \"générative\"", 12}, {"<client>", 7}};
const std::vector<NetworkEdge> kEdges = {{0, 1, 3, "0.2500", {{"jaccard", "0.2500"}}}};

}  // namespace

TEST_CASE("DOT escapes quotes in labels", "[network]") {
  CHECK(render_network(NetworkFormat::dot, kNodes, kEdges, "{}") ==
        "graph cooccurrence {\n  node [shape=ellipse];\n"
        "  \"l'IA \\\"générative\\\"\" [frequency=12];\n  \"<client>\" [frequency=7];\n"
        "  \"l'IA \\\"générative\\\"\" -- \"<client>\" [weight=0.2500];\n}\n");
}

TEST_CASE("GraphML escapes XML characters", "[network]") {
  const std::string g = render_network(NetworkFormat::graphml, kNodes, kEdges, "{}");
  CHECK(g.find("<data key=\"label\">l&#39;IA &quot;générative&quot;</data>") != std::string::npos);
  CHECK(g.find("<data key=\"label\">&lt;client&gt;</data>") != std::string::npos);
  CHECK(g.find("<edge source=\"n0\" target=\"n1\"><data key=\"weight\">0.2500</data></edge>") !=
        std::string::npos);
}

TEST_CASE("JSON network carries the header, nodes and edge measures", "[network]") {
  CHECK(render_network(NetworkFormat::json, kNodes, kEdges, "{\"tool\":\"cooccur\"}") ==
        "{\"verbatim\":{\"tool\":\"cooccur\"},\"nodes\":[\n"
        "{\"id\":0,\"word\":\"l'IA \\\"générative\\\"\",\"frequency\":12},\n"
        "{\"id\":1,\"word\":\"<client>\",\"frequency\":7}],\"edges\":[\n"
        "{\"source\":0,\"target\":1,\"count\":3,\"jaccard\":0.2500}]}\n");
}
