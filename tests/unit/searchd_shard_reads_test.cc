// Batched shard reads (searchd/shard_reads.h): what the second stage reads through a shard reader,
// over the wire format, must rank exactly as reading the database one round trip at a time.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "schema/fields.h"
#include "schema/index_home.h"
#include "schema/terms.h"
#include "searchd/rerank.h"
#include "searchd/shard_reads.h"
#include "searchd/vocabulary.h"
#include "searchd_fixture.h"
#include "text/tokenizer.h"

using namespace tracuu::searchd;

namespace {

// A BatchRead that answers as a shard reader does, through encoding and decoding both ways.
BatchRead over_the_wire(const Xapian::Database& db, std::size_t* requests) {
  return [&db, requests](const std::vector<Xapian::docid>& dids, const std::vector<std::string>& terms,
                         const std::vector<bool>& positional) {
    ++*requests;
    auto asked =
        decode_request(encode_request({db.get_uuid(), dids, terms, positional, PositionLists::prefetched_slots()}));
    REQUIRE(asked);
    auto reply = decode_reply(encode_reply(read_shard(db, *asked)));
    REQUIRE(reply);
    REQUIRE(reply->uuid == db.get_uuid());
    return reply->docs;
  };
}

Xapian::Database fixture_db() {
  auto gen = tracuu::schema::current_generation(tracuu::testing::fixture_index());
  if (!gen) throw std::runtime_error(gen.error().message);
  Xapian::Database db;
  for (const auto& dir : tracuu::schema::sub_database_dirs(*gen)) db.add_database(Xapian::Database(dir.string()));
  return db;
}

}  // namespace

TEST_CASE("shard reads: the second stage ranks alike through a shard reader, in one request", "[searchd][shards]") {
  const Xapian::Database db = fixture_db();
  const Vocabulary vocabulary = Vocabulary::build(db);
  const RankingWeights weights;
  std::size_t rows = 0;
  for (const char* q : {"công an nhân dân", "cong an nhan dan", "Ủy ban nhân dân tỉnh", "xử phạt vi phạm hành chính",
                        "nghị định 2019", "thuế thu nhập cá nhân"}) {
    RankSignals signals;
    std::vector<Xapian::Query> words;
    for (const tracuu::text::Token& t : tracuu::text::analyze(q)) {
      words.emplace_back(tracuu::schema::folded_term(t));
      signals.words.push_back({t.folded, t.exact, true, t.kind == tracuu::text::TokenKind::Word});
      signals.query_has_marks = signals.query_has_marks || t.has_marks();
    }
    signals.words.back().joins_next = false;
    signals.date_ranges = {{"20190101", "20191231"}};  // the dates are read through the reader too
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
    const Xapian::MSet mset = enquire.get_mset(0, 50);
    if (mset.empty()) continue;
    ++rows;
    INFO(q);
    const auto direct = rerank(db, mset, signals, vocabulary, weights, 10);
    std::size_t requests = 0;
    PositionLists batched(db, over_the_wire(db, &requests));
    const auto read = rerank(db, mset, signals, vocabulary, weights, 10, batched);
    CHECK(requests == 1);
    REQUIRE(read.size() == direct.size());
    for (std::size_t k = 0; k < read.size(); ++k) {
      CHECK(read[k].did == direct[k].did);
      CHECK(read[k].score == direct[k].score);
    }
  }
  CHECK(rows >= 4);
}

TEST_CASE("shard reads: malformed or foreign frames are refused, not misread", "[searchd][shards]") {
  const std::string request = encode_request({"uuid", {3, 7}, {"XFcong", "Sluat"}, {true, false}, {0, 6}});
  auto back = decode_request(request);
  REQUIRE(back);
  CHECK(back->dids == std::vector<Xapian::docid>{3, 7});
  CHECK(back->terms == std::vector<std::string>{"XFcong", "Sluat"});
  CHECK(back->positional == std::vector<bool>{true, false});
  CHECK(back->slots == std::vector<Xapian::valueno>{0, 6});
  const struct {
    const char* what;
    std::string payload;
  } bad[] = {
      {"empty", ""},
      {"cut short", request.substr(0, request.size() - 1)},
      {"trailing bytes", request + "x"},
      {"another version", std::string("\x02") + request.substr(1)},
  };
  for (const auto& b : bad) {
    INFO(b.what);
    CHECK_FALSE(decode_request(b.payload));
    CHECK_FALSE(decode_reply(b.payload));
  }
  const auto refused = decode_reply(encode_error("shard reader at /srv/shard-1: serves another database"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "shard reader at /srv/shard-1: serves another database");
  CHECK_FALSE(parse_host_port("127.0.0.1"));
  CHECK_FALSE(parse_host_port("127.0.0.1:70000"));
  const auto v6 = parse_host_port("[::1]:7001");
  REQUIRE(v6);
  CHECK(v6->first == "::1");
  CHECK(v6->second == 7001);
}
