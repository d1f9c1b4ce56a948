// Readers: every input format, every encoding, and every kind of bad file.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "indexer/ingest/encoding.h"
#include "indexer/ingest/ingest.h"
#include "tests/unit/ingest_test_files.h"

namespace fs = std::filesystem;
using tracuu::Status;
using tracuu::indexer::InputError;
using tracuu::indexer::RawDoc;
using tracuu::testing::TempDir;

namespace {

struct Read {
  std::vector<RawDoc> docs;
  std::vector<InputError> errors;
};

Read read_all(const std::vector<fs::path>& inputs) {
  Read r;
  r.errors = tracuu::indexer::read_inputs(inputs, [&](RawDoc&& d) {
    r.docs.push_back(std::move(d));
    return true;
  });
  return r;
}

const InputError* error_for(const Read& r, const std::string& file) {
  for (const auto& e : r.errors)
    if (fs::path(e.source).filename() == file) return &e;
  return nullptr;
}

// "Cộng hoà xã hội chủ nghĩa Việt Nam / Độc lập - Tự do - Hạnh phúc" as TCVN3 (ABC) and as VNI bytes
// (string pieces split so that a hex escape never runs into a following letter).
const std::string kTcvn3Line =
    "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdc"
    "a Vi\xd6t Nam\n"
    "\xa7\xe9"
    "c l\xcbp - T\xf9 do - H\xb9nh ph\xf3"
    "c\n";
const std::string kVniLine =
    "Co\xe4ng ho\xf8"
    "a xa\xf5 ho\xe4i chu\xfb ngh\xf3"
    "a Vie\xe4t Nam\n"
    "\xd1o\xe4"
    "c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9"
    "c\n";

}  // namespace

TEST_CASE("encoding: text is decoded, or refused naming the suspected encoding", "[ingest]") {
  struct Row {
    const char* name;
    std::string bytes;
    Status status;       // Ok when decoded
    std::string expect;  // the text, or a word of the error message
  };
  std::string mostly_valid;
  for (int i = 0; i < 40; ++i) mostly_valid += "Nghị định số 15/2020/NĐ-CP của Chính phủ. ";
  mostly_valid += "\xFF";  // one stray byte
  const std::vector<Row> rows = {
      {"UTF-8", "Nghị định 15/2020/NĐ-CP", Status::Ok, "Nghị định 15/2020/NĐ-CP"},
      {"UTF-8 with BOM",
       "\xEF\xBB\xBF"
       "Bộ Tài chính",
       Status::Ok, "Bộ Tài chính"},
      {"UTF-16LE with BOM", tracuu::testing::utf16_with_bom("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", false), Status::Ok,
       "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
      {"UTF-16BE with BOM, a surrogate pair", tracuu::testing::utf16_with_bom("Điều 1 \U0001D400", true), Status::Ok,
       "Điều 1 \U0001D400"},
      {"TCVN3 (ABC) bytes", kTcvn3Line + kTcvn3Line, Status::Unsupported, "TCVN3"},
      {"VNI bytes", kVniLine + kVniLine, Status::Unsupported, "VNI"},
      {"Latin-1 French",
       "Caf\xe9 cr\xe8me br\xfbl\xe9"
       "e \xe0 la fran\xe7"
       "aise",
       Status::Unsupported, "unknown 8-bit"},
      {"binary (PNG header)", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), Status::Unsupported, "binary"},
      {"only a BOM", "\xEF\xBB\xBF", Status::BadRequest, "empty"},
      {"mostly valid UTF-8", mostly_valid, Status::Ok, "Nghị định số 15/2020/NĐ-CP"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const auto d = tracuu::indexer::decode_text(row.bytes);
    if (row.status == Status::Ok) {
      REQUIRE(d.has_value());
      CHECK(d->utf8.find(row.expect) != std::string::npos);
    } else {
      REQUIRE_FALSE(d.has_value());
      CHECK(d.error().status == row.status);
      CHECK_THAT(d.error().message, Catch::Contains(row.expect));
    }
  }
  const auto repaired = tracuu::indexer::decode_text(mostly_valid);
  REQUIRE(repaired.has_value());
  CHECK(repaired->replaced == 1);
  CHECK(repaired->utf8.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
  CHECK(tracuu::indexer::guess_legacy_encoding(kTcvn3Line) == "TCVN3 (ABC)");
  CHECK(tracuu::indexer::guess_legacy_encoding(kVniLine) == "VNI");
}

TEST_CASE("readers: each bad file is one clear error and the batch goes on", "[ingest]") {
  const TempDir dir;
  const std::string pdf = tracuu::testing::make_pdf({{"THÔNG BÁO", "Kết luận phiên họp"}});
  dir.write("a_good.txt", "THÔNG BÁO\nKết luận Phiên họp UBND tỉnh tháng 6 năm 2021\n");
  dir.write("empty.txt", "");
  dir.write("binary.txt", std::string("\x7F"
                                      "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                      16));
  dir.write("legacy.txt", kTcvn3Line + kTcvn3Line + kTcvn3Line);
  dir.write("invalid.md", std::string(200, '\xC3'));  // every byte a broken sequence
  dir.write("oneline.txt", std::string(std::size_t{50} << 20, 'a'));
  dir.write("truncated.pdf", pdf.substr(0, 40));
  dir.write("scan.pdf", tracuu::testing::make_pdf({{}}));
  dir.write("notpdf.pdf", "<html>not a pdf</html>");
  // fuzz_pdf's find: a small file whose trailer declares millions of objects (poppler allocated for them all).
  std::string forged = pdf;
  forged.replace(forged.rfind("/Size ") + 6, 1, "6000445 ");
  dir.write("forged.pdf", forged);
  dir.write("notzip.docx", "PK not really a zip");
  dir.write("old.doc", "\xD0\xCF\x11\xE0");  // skipped in a directory, refused when named
  const Read r = read_all({dir.path(), dir.path() / "missing.txt"});
  const Read explicit_doc = read_all({dir.path() / "old.doc"});

  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].id == "a_good");
  struct Row {
    const char* file;
    Status status;
    const char* words;
  };
  const std::vector<Row> rows = {
      {"empty.txt", Status::BadRequest, "empty"},
      {"binary.txt", Status::Unsupported, "binary"},
      {"legacy.txt", Status::Unsupported, "TCVN3"},
      {"invalid.md", Status::Unsupported, "not UTF-8"},
      {"oneline.txt", Status::TooLarge, "line"},
      {"truncated.pdf", Status::BadRequest, "PDF"},
      {"scan.pdf", Status::Unsupported, "text layer"},
      {"notpdf.pdf", Status::BadRequest, "not a PDF"},
      {"notzip.docx", Status::BadRequest, "DOCX"},
      {"missing.txt", Status::NotFound, "no such file"},
      {"forged.pdf", Status::BadRequest, "declares 6000445"},
  };
  for (const Row& row : rows) {
    INFO(row.file);
    const InputError* e = error_for(r, row.file);
    REQUIRE(e != nullptr);
    CHECK(e->error.status == row.status);
    CHECK_THAT(e->error.message, Catch::Contains(row.words));
    CHECK_THAT(e->error.message, Catch::Contains(row.file));  // the message names the file
  }
  REQUIRE(explicit_doc.errors.size() == 1);
  CHECK(explicit_doc.errors[0].error.status == Status::Unsupported);
  CHECK_THAT(explicit_doc.errors[0].error.message, Catch::Contains(".docx"));
}

TEST_CASE("readers: UTF-16 and paged text, PDF pages, DOCX paragraphs", "[ingest]") {
  const TempDir dir;
  SECTION("UTF-16 with BOM and form-feed pages") {
    const auto p =
        dir.write("u16.txt", tracuu::testing::utf16_with_bom("Trang một: Nghị định\fTrang hai: Điều 2", false));
    const Read r = read_all({p});
    REQUIRE(r.errors.empty());
    REQUIRE(r.docs.size() == 1);
    REQUIRE(r.docs[0].pages.size() == 2);
    CHECK(r.docs[0].pages[0] == "Trang một: Nghị định");
    CHECK(r.docs[0].pages[1] == "Trang hai: Điều 2");
    CHECK(r.docs[0].format == "txt");
  }
  SECTION("PDF: one page of text per page, Vietnamese letters intact") {
    const auto p = dir.write(
        "nd.pdf", tracuu::testing::make_pdf({{"CHÍNH PHỦ", "Số: 15/2020/NĐ-CP"}, {"Điều 2. Hiệu lực thi hành"}}));
    const Read r = read_all({p});
    REQUIRE(r.errors.empty());
    REQUIRE(r.docs.size() == 1);
    REQUIRE(r.docs[0].pages.size() == 2);
    CHECK_THAT(r.docs[0].pages[0], Catch::Contains("CHÍNH PHỦ") && Catch::Contains("15/2020/NĐ-CP"));
    CHECK_THAT(r.docs[0].pages[1], Catch::Contains("Điều 2. Hiệu lực thi hành"));
    CHECK(r.docs[0].notes.empty());
    CHECK(r.docs[0].input_offset == fs::file_size(p));
    // The record says where each page starts in the reflowed text.
    const auto rec = tracuu::indexer::Extractor().extract(r.docs[0]);
    REQUIRE(rec.has_value());
    REQUIRE(rec->pages.size() == 2);
    CHECK(rec->pages[0].offset == 0);
    CHECK(rec->text.substr(rec->pages[1].offset, std::string("Điều 2.").size()) == "Điều 2.");
    CHECK(rec->doc_number == "15/2020/NĐ-CP");
  }
  SECTION("UTF-8 with a stray byte: read, repaired, and the record warns") {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "Quyết định số 12/QĐ-UBND của Ủy ban nhân dân tỉnh.\n";
    const auto p = dir.write("stray.txt", text + "\xFF\n");
    const Read r = read_all({p});
    REQUIRE(r.docs.size() == 1);
    const auto rec = tracuu::indexer::Extractor().extract(r.docs[0]);
    REQUIRE(rec.has_value());
    CHECK(std::find(rec->warnings.begin(), rec->warnings.end(), "1 malformed byte sequence(s) replaced by U+FFFD") !=
          rec->warnings.end());
  }
  SECTION("PDF cut before its end marker: poppler rebuilds it, the record warns") {
    const std::string pdf = tracuu::testing::make_pdf({{"Kết luận"}});
    const auto p = dir.write("cut.pdf", pdf.substr(0, pdf.find("startxref")));
    const Read r = read_all({p});
    REQUIRE(r.docs.size() == 1);
    CHECK_THAT(r.docs[0].pages[0], Catch::Contains("Kết luận"));
    REQUIRE(r.docs[0].notes.size() == 1);
    CHECK_THAT(r.docs[0].notes[0], Catch::Contains("truncated"));
  }
  SECTION("DOCX: word/document.xml paragraphs, one per line") {
    const auto p = dir.path() / "tb.docx";
    REQUIRE(tracuu::testing::write_docx(p, {"THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", "Nơi nhận:", "Lưu: VT"}));
    const Read r = read_all({p});
    REQUIRE(r.errors.empty());
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].format == "docx");
    CHECK(r.docs[0].pages[0] == "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\nNơi nhận:\nLưu: VT\n");
  }
}

TEST_CASE("readers: JSONL records stream with growing offsets, bad records are errors", "[ingest]") {
  const TempDir dir;
  const std::string jsonl =
      "{\"id\":\"nd-15\",\"title\":\"Nghị định 15\",\"text\":\"Điều 1.\",\"meta\":{\"so_hieu\":\"15/2020/NĐ-CP\"}}\n"
      "{not json\n"
      "\n"
      "{\"id\":\"no-text\"}\n"
      "{\"text\":\"Điều 2.\"}\n";
  SECTION("plain") {
    const auto p = dir.write("docs.jsonl", jsonl);
    const Read r = read_all({p});
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].id == "nd-15");
    CHECK(r.docs[0].title == "Nghị định 15");
    CHECK(r.docs[0].given["meta"]["so_hieu"] == "15/2020/NĐ-CP");
    CHECK_FALSE(r.docs[0].given.contains("text"));
    CHECK(r.docs[1].id == "docs-5");  // no id: file stem and line
    CHECK(r.docs[1].source == p.string() + "#5");
    REQUIRE(r.errors.size() == 2);
    CHECK_THAT(r.errors[0].source, Catch::EndsWith("#2"));
    CHECK(r.errors[0].error.status == Status::BadRequest);
    CHECK_THAT(r.errors[1].source, Catch::EndsWith("#4"));
  }
  SECTION("gzip: offsets are compressed bytes and grow to the file size") {
    // Text that compresses badly, so that the file is read in several chunks.
    std::string many;
    std::uint32_t x = 12345;
    for (int i = 0; i < 2000; ++i) {
      std::string words;
      for (int w = 0; w < 60; ++w) {
        x = x * 1103515245u + 12345u;
        words += std::to_string(x % 100000) + (x % 7 ? " " : " ngày ");
      }
      many += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"" + words + "\"}\n";
    }
    const auto p = dir.path() / "docs.jsonl.gz";
    REQUIRE(tracuu::testing::write_gzip(p, many));
    const Read r = read_all({p});
    REQUIRE(r.errors.empty());
    REQUIRE(r.docs.size() == 2000);
    for (std::size_t i = 1; i < r.docs.size(); ++i) CHECK(r.docs[i].input_offset >= r.docs[i - 1].input_offset);
    CHECK(r.docs.front().input_offset < r.docs.back().input_offset);
    CHECK(r.docs.back().input_offset == fs::file_size(p));
  }
  SECTION("truncated gzip: the records before the cut, then an Io error") {
    std::string many;
    for (int i = 0; i < 3000; ++i)
      many += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"Điều " + std::to_string(i) + ".\"}\n";
    const auto full = dir.path() / "full.jsonl.gz";
    REQUIRE(tracuu::testing::write_gzip(full, many));
    const std::string bytes = tracuu::testing::read_file_bytes(full);
    const auto cut = dir.write("cut.jsonl.gz", bytes.substr(0, bytes.size() / 2));
    const Read r = read_all({cut});
    CHECK(r.docs.size() > 0);
    CHECK(r.docs.size() < 3000);
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors.back().error.status == Status::Io);
  }
}

TEST_CASE("readers: directories are read in order with offsets over all their files", "[ingest]") {
  const TempDir dir;
  dir.write("b.txt", "Điều 2. Nội dung thứ hai\n");
  dir.write("a.txt", "Điều 1. Nội dung thứ nhất\n");
  dir.write("a.txt.meta.json", "{\"title\": \"Sửa tay\"}");
  dir.write("sub/c.md", "# Điều 3\n");
  dir.write("notes.csv", "x,y\n");
  const Read r = read_all({dir.path()});
  REQUIRE(r.errors.empty());
  REQUIRE(r.docs.size() == 3);  // sidecar and .csv skipped
  CHECK(r.docs[0].id == "a");
  CHECK(r.docs[1].id == "b");
  CHECK(r.docs[2].id == "c");
  CHECK(r.docs[0].input_offset == fs::file_size(dir.path() / "a.txt"));
  CHECK(r.docs[1].input_offset == fs::file_size(dir.path() / "a.txt") + fs::file_size(dir.path() / "b.txt"));
  CHECK(r.docs[2].input_offset > r.docs[1].input_offset);
  CHECK(r.docs[0].overrides["title"] == "Sửa tay");
}

TEST_CASE("readers: sidecar overrides win, a malformed sidecar fails only its file", "[ingest]") {
  const TempDir dir;
  const std::string text = "THÔNG BÁO\nKết luận phiên họp\n\nNgày 23/6/2021, UBND tỉnh đã tổ chức phiên họp.\n";
  dir.write("a.txt", text);
  dir.write(
      "a.txt.meta.json",
      "{\"doc_number\": \"346/TB-UBND\", \"issuer\": \"Ủy ban nhân dân tỉnh Lạng Sơn\", \"visibility\": \"internal\"}");
  dir.write("b.txt", text);
  dir.write("b.meta.json", "{not json");
  dir.write("c.txt", text);
  dir.write("c.txt.meta.json", "{\"doc_number\": 346}");
  const Read r = read_all({dir.path()});
  REQUIRE(r.docs.size() == 2);
  REQUIRE(r.errors.size() == 1);
  CHECK(fs::path(r.errors[0].source).filename() == "b.txt");
  CHECK_THAT(r.errors[0].error.message, Catch::Contains("b.meta.json"));

  const tracuu::indexer::Extractor extractor;
  const auto a = extractor.extract(r.docs[0]);
  REQUIRE(a.has_value());
  CHECK(a->doc_type == "Thông báo");      // extracted
  CHECK(a->doc_number == "346/TB-UBND");  // corrected by staff
  CHECK(a->issuer == "Ủy ban nhân dân tỉnh Lạng Sơn");
  CHECK(a->visibility == tracuu::schema::Visibility::internal());
  const auto c = extractor.extract(r.docs[1]);
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().status == Status::BadRequest);
  CHECK_THAT(c.error().message, Catch::Contains("doc_number"));
}
