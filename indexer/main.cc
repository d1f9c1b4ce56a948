// indexer: turns documents into a tracuu index. This file only parses the
// command line and prints; the work is in the indexer library.
#include <CLI/CLI.hpp>
#include <iostream>
#include <iterator>
#include <string>

#include "indexer/analyze_cmd.h"

int main(int argc, char** argv) {
  CLI::App app{"tracuu indexer: Vietnamese document ingestion and indexing"};
  app.require_subcommand(1);

  std::string analyze_text;
  auto* analyze = app.add_subcommand("analyze", "print the tokens of TEXT (or stdin) as JSON lines");
  analyze->add_option("text", analyze_text, "text to analyse; read from stdin when absent");

  CLI11_PARSE(app, argc, argv);

  if (analyze->parsed()) {
    if (analyze->count("text") == 0) {
      analyze_text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    }
    tracuu::indexer::print_analysis(analyze_text, std::cout);
  }
  return 0;
}
