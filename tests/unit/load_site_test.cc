#include <doctest/doctest.h>

#include "load/load_site.h"

using namespace tracker;

namespace {

// A small valid source, written inline like Hugo's whole-site tests.
SourceTree ValidTree() {
  SourceTree t;
  t.files["site.yml"] = "title: Test\n";
  t.files["data/kpis.json"] =
      "{\"kpis\": [\n"
      "  {\"id\": \"visits\", \"label\": \"Visits\", \"unit\": \"percent\", \"direction\": \"higher_is_better\"},\n"
      "  {\"id\": \"supervision\", \"label\": \"Supervision\", \"unit\": \"percent\", \"direction\": \"higher_is_better\", \"breakdown\": \"Team\"}\n"
      "]}\n";
  t.files["content/town/_authority.md"] = "---\nname: Town Council\n---\nIntro.\n";
  t.files["content/town/documents/notice.md"] =
      "---\ntitle: Notice\ntype: improvement-notice\ndate: 2020-01-02\n---\nText.\n";
  t.files["content/town/measures/visits.md"] =
      "---\ntitle: Visits\nset_by: notice\nkpi: visits\ntarget:\n  op: \">=\"\n  value: 90\n---\n";
  t.files["data/town/snapshots/2020-02-01.json"] =
      "{\"as_at\": \"2020-02-01\", \"source\": \"notice\", \"values\": {\"visits\": 88, \"supervision\": {\"A\": 70, \"B\": \"c\"}}}\n";
  return t;
}

std::vector<std::string> Messages(const Diagnostics& diag) {
  std::vector<std::string> out;
  for (const auto& d : diag.Sorted())
    out.push_back(d.pos.path + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.message);
  return out;
}

}  // namespace

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string s = "[";
    for (const auto& x : v) s += "\n  " + x;
    return (s + "\n]").c_str();
  }
};
}  // namespace doctest

namespace {

}  // namespace

TEST_CASE("a valid source loads into the model") {
  Diagnostics diag;
  Site site = LoadSite(ValidTree(), diag);
  CHECK(Messages(diag).empty());
  REQUIRE(site.authorities.size() == 1);
  const Authority& a = site.authorities[0];
  CHECK(a.slug == "town");
  CHECK(a.name == "Town Council");
  CHECK(a.short_name == "Town Council");
  REQUIRE(a.documents.size() == 1);
  CHECK(a.documents[0].date.Iso() == "2020-01-02");
  REQUIRE(a.measures.size() == 1);
  REQUIRE(a.measures[0].target);
  CHECK(a.measures[0].target->op == ">=");
  CHECK(a.measures[0].target->value == 90);
  REQUIRE(a.snapshots.size() == 1);
  const auto& b = std::get<Breakdown>(a.snapshots[0].values.at("supervision"));
  REQUIRE(b.size() == 2);
  CHECK(b[0].first == "A");
  CHECK(std::get<Symbol>(b[1].second).code == "c");
  CHECK(site.config.language == "en-GB");
}

TEST_CASE("malformed YAML is reported at its line in the file") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntitle: Notice\ntype: [dfe-letter\ndate: 2020-01-02\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(!m.empty());
  CHECK(m[0].rfind("content/town/documents/notice.md:4:", 0) == 0);
  CHECK(m[0].find("malformed YAML") != std::string::npos);
}

TEST_CASE("malformed JSON is reported at the byte where parsing stopped") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] = "{\n  \"as_at\": \"2020-02-01\",\n  \"values\": {\"visits\": 88,}\n}\n";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() == 1);
  CHECK(m[0].rfind("data/town/snapshots/2020-02-01.json:3:", 0) == 0);
  CHECK(m[0].find("malformed JSON") != std::string::npos);
}

TEST_CASE("a number too large for a double is an error at its place, not a crash") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] = "{\n  \"as_at\": \"2020-02-01\",\n  \"values\": {\"visits\": 1e999}\n}\n";
  t.files["data/kpis.json"] = "{\"kpis\": [{\"id\": \"visits\", \"label\": \"V\", \"unit\": \"number\", \"target\": 1e400}]}";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "data/kpis.json:1:70: number '1e400' is too large to be a figure; give it as an ordinary number",
      "data/town/snapshots/2020-02-01.json:3:24: number '1e999' is too large to be a figure; give it as an ordinary number"});
}

TEST_CASE("a missing required field names the field") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntype: dfe-letter\ndate: 2020-01-02\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
                              "content/town/documents/notice.md:2:1: missing required field 'title' in the document"});
}

TEST_CASE("an unknown document type suggests the closest") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntitle: N\ntype: ofsted-leter\ndate: 2020-01-02\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
                              "content/town/documents/notice.md:3:7: unknown type 'ofsted-leter'; did you mean 'ofsted-letter'?"});
}

TEST_CASE("unknown KPIs, document slugs and authorities are errors at their place") {
  SourceTree t = ValidTree();
  t.files["content/town/measures/visits.md"] = "---\ntitle: V\nset_by: notise\nkpi: visit\n---\n";
  t.files["data/elsewhere/snapshots/2020-01-01.json"] = "{\"as_at\": \"2020-01-01\", \"values\": {}}";
  t.files["data/town/snapshots/2020-02-01.json"] = "{\"as_at\": \"2020-02-01\",\n \"values\": {\"visit\": 1}}";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "content/town/measures/visits.md:3:9: unknown document 'notise' in 'set_by'; did you mean 'notice'?; use the file name of a document in content/town/documents/ without .md",
      "content/town/measures/visits.md:4:6: unknown KPI 'visit'; did you mean 'visits'?; KPIs are defined in data/kpis.json",
      "data/elsewhere/snapshots/2020-01-01.json:1:1: unknown authority 'elsewhere'; data/<authority>/ must match a folder content/<authority>/",
      "data/town/snapshots/2020-02-01.json:2:13: unknown KPI 'visit'; did you mean 'visits'?; KPIs are defined in data/kpis.json",
  });
}

TEST_CASE("two snapshots with the same date are an error") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/copy.json"] = "{\"as_at\": \"2020-02-01\", \"values\": {}}";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() == 1);
  CHECK(m[0] == "data/town/snapshots/copy.json:1:11: two snapshots with the same date 2020-02-01: this one and "
                "data/town/snapshots/2020-02-01.json; keep one, or correct as_at");
}

TEST_CASE("a breakdown object for a KPI without a breakdown is an error") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] = "{\"as_at\": \"2020-02-01\", \"values\": {\"visits\": {\"A\": 1}}}";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() == 1);
  CHECK(m[0].find(":1:46: breakdown object for KPI 'visits', which has no breakdown") != std::string::npos);
}

TEST_CASE("a percent outside 0 to 100 is an error, in breakdowns too") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] =
      "{\"as_at\": \"2020-02-01\", \"values\": {\"visits\": 101,\n \"supervision\": {\"A\": -1}}}";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "data/town/snapshots/2020-02-01.json:1:46: percent 101 for 'visits' is outside 0 to 100",
      "data/town/snapshots/2020-02-01.json:2:23: percent -1 for 'supervision' is outside 0 to 100",
  });
}

TEST_CASE("an unknown GSS symbol is an error, known ones are kept") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] = "{\"as_at\": \"2020-02-01\", \"values\": {\"visits\": \"supressed\"}}";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() == 1);
  CHECK(m[0].find("'supressed' is not a number or a GSS symbol") != std::string::npos);
}

TEST_CASE("text that is not UTF-8 is reported at the bad byte") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntitle: Caf\xe9\ntype: other\ndate: 2020-01-02\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "content/town/documents/notice.md:2:11: text is not UTF-8 here; save the file as UTF-8"});
}

TEST_CASE("invalid dates are errors with the reason") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntitle: N\ntype: other\ndate: 2020-02-30\n---\n";
  t.files["data/town/snapshots/2020-02-01.json"] = "{\"as_at\": \"2020-02\", \"values\": {}}";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "content/town/documents/notice.md:4:7: invalid date '2020-02-30' in 'date': 2020-02-30 does not exist: February 2020 has 29 days",
      "data/town/snapshots/2020-02-01.json:1:11: as_at needs a full date, YYYY-MM-DD",
  });
}

TEST_CASE("unknown fields are errors with a hint, so typos are never silently ignored") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntitle: N\ntype: other\ndate: 2020-01-02\nsumary: S\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "content/town/documents/notice.md:5:1: unknown field 'sumary' in the document; did you mean 'summary'?"});
}

TEST_CASE("slugs must be lower-case letters, digits, hyphens and underscores") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/Notice 2.md"] = "---\ntitle: N\ntype: other\ndate: 2020-01-02\n---\n";
  t.files["content/Town/_authority.md"] = "---\nname: T\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() == 2);
  CHECK(m[0].find("authority folder 'Town' is not a valid slug") != std::string::npos);
  CHECK(m[1].find("file name 'Notice 2.md' is not a valid slug") != std::string::npos);
}

TEST_CASE("every problem in the source is reported in one run") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntype: ofsted-leter\ndate: 2020-13-01\n---\n";
  t.files["data/town/snapshots/2020-02-01.json"] = "{\"as_at\": \"2020-02-01\", \"values\": {\"visits\": 200, \"nope\": 1}}";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(diag.errors() == 5);  // title, type, date, percent, KPI (+ set_by ref is fine)
}

TEST_CASE("a missing site.yml or kpis.json says what to add") {
  SourceTree t = ValidTree();
  t.files.erase("site.yml");
  t.files.erase("data/kpis.json");
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() >= 2);
  CHECK(m[0].find("data/kpis.json is missing") != std::string::npos);
  CHECK(m.back().find("site.yml is missing") != std::string::npos);
}

TEST_CASE("documents may give a month when that is all they state") {
  SourceTree t = ValidTree();
  t.files["content/town/documents/notice.md"] = "---\ntitle: N\ntype: presentation\ndate: 2021-07\n---\n";
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  CHECK(Messages(diag).empty());
  CHECK(site.authorities[0].documents[0].date.Long() == "July 2021");
}

TEST_CASE("names the site uses for itself cannot be slugs, so no page overwrites another") {
  SourceTree t = ValidTree();
  t.files["content/downloads/_authority.md"] = "---\nname: D\n---\n";
  t.files["content/downloads/documents/x.md"] = "---\ntitle: X\ntype: other\ndate: 2020-01-02\n---\n";
  t.files["content/town/documents/index.md"] = "---\ntitle: I\ntype: other\ndate: 2020-01-02\n---\n";
  t.files["content/town/documents/page-2.md"] = "---\ntitle: P\ntype: other\ndate: 2020-01-02\n---\n";
  t.files["content/town/measures/index.md"] = "---\ntitle: M\n---\n";
  t.files["content/town/measures/page-2.md"] = "---\ntitle: Fine for a measure\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "content/downloads/_authority.md:0:0: authority folder 'downloads' is a name the site itself uses; rename the folder",
      "content/town/documents/index.md:0:0: file name 'index.md' is taken by the list of documents; rename the file",
      "content/town/documents/page-2.md:0:0: file name 'page-2.md' is taken by the list of documents; rename the file",
      "content/town/measures/index.md:0:0: file name 'index.md' is taken by the list of measures; rename the file",
  });
}

TEST_CASE("a document is found by its slug, indexed or not") {
  Authority a;
  for (const char* slug : {"notice", "letter", "board-2", "a-report", "zeta"}) {
    Document d;
    d.slug = slug;
    a.documents.push_back(d);
  }
  auto found = [&](const std::string& slug) {
    const Document* d = a.FindDocument(slug);
    return d ? d->slug : std::string("(none)");
  };
  for (int indexed : {0, 1}) {
    if (indexed) a.IndexDocuments();
    CHECK(a.documents_by_slug.size() == (indexed ? 5u : 0u));
    for (const char* slug : {"notice", "letter", "board-2", "a-report", "zeta"}) CHECK(found(slug) == slug);
    for (const char* slug : {"", "a", "notices", "zz", "board"}) CHECK(found(slug) == "(none)");
  }
  // Documents added after the index are still found: it no longer fits them.
  Document late;
  late.slug = "late";
  a.documents.push_back(late);
  CHECK(found("late") == "late");
}

TEST_CASE("one check for web addresses and one for email addresses") {
  CHECK(CheckWebAddress("https://www.council.gov.uk/children/").empty());
  CHECK(CheckWebAddress("http://x.example").empty());
  CHECK_FALSE(CheckWebAddress("javascript:alert(1)").empty());
  CHECK_FALSE(CheckWebAddress("JAVASCRIPT:alert(1)").empty());
  CHECK_FALSE(CheckWebAddress("data:text/html,x").empty());
  CHECK_FALSE(CheckWebAddress("vbscript:x").empty());
  CHECK_FALSE(CheckWebAddress("https://").empty());
  CHECK_FALSE(CheckWebAddress("https://x.example/\" onmouseover=\"y").empty());
  CHECK_FALSE(CheckWebAddress("//x.example").empty());
  CHECK(CheckEmailAddress("accessibility@council.gov.uk").empty());
  CHECK_FALSE(CheckEmailAddress("a@b.example?cc=c@d.example").empty());
  CHECK_FALSE(CheckEmailAddress("a@b.example,c@d.example").empty());
  CHECK_FALSE(CheckEmailAddress("a@b.example c@d.example").empty());
  CHECK_FALSE(CheckEmailAddress("not an address").empty());
}

TEST_CASE("a comparator's figure may say what period it is for, when it ends and who published it") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] =
      "{\"as_at\": \"2020-02-01\", \"values\": {\"visits\": 88},\n"
      " \"comparators\": {\"england\": {\"visits\": {\"value\": 86.5, \"period\": \"2018 to 2019\", \"as_at\": \"2019-03-31\","
      " \"source\": \"A made-up publisher\"}}, \"statistical_neighbours\": {\"visits\": 84}}}\n";
  Diagnostics diag;
  Site site = LoadSite(t, diag);
  CHECK(Messages(diag).empty());
  const Snapshot& s = site.authorities[0].snapshots[0];
  CHECK(std::get<double>(s.comparators.at("england").at("visits")) == 86.5);
  const ComparatorPeriod& p = s.comparator_periods.at("england").at("visits");
  CHECK(p.period == "2018 to 2019");
  CHECK(p.as_at == Date{2019, 3, 31});
  CHECK(p.source == "A made-up publisher");
  CHECK(std::get<double>(s.comparators.at("statistical_neighbours").at("visits")) == 84);
  CHECK_FALSE(s.comparator_periods.count("statistical_neighbours"));
}

TEST_CASE("a comparator's figure without a value, with an unknown field or dated after its snapshot is an error") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] =
      "{\"as_at\": \"2020-02-01\", \"values\": {\"visits\": 88},\n"
      " \"comparators\": {\"england\": {\"visits\": {\"period\": \"2019 to 2020\", \"as_at\": \"2020-03-31\", \"sauce\": \"x\"}}}}\n";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() == 3);
  CHECK(m[0].find("data/town/snapshots/2020-02-01.json:2:40: a comparator's figure needs its \"value\"") == 0);
  CHECK(m[1].find("data/town/snapshots/2020-02-01.json:2:76: ") == 0);
  CHECK(m[1].find("cannot describe a date after the snapshot's as_at (2020-02-01)") != std::string::npos);
  CHECK(m[2] == "data/town/snapshots/2020-02-01.json:2:90: unknown field 'sauce' in a comparator's figure; did you mean 'source'?");
}

TEST_CASE("an event that repeats what the timeline adds by itself, or whose season is in another year, is an error") {
  SourceTree t = ValidTree();
  t.files["content/town/_authority.md"] =
      "---\nname: Town Council\nofsted:\n  - date: 2021-10\n    judgement: Inadequate\n"
      "meetings:\n  - date: 2020-03-02\n    title: Improvement board\n"
      "events:\n"
      "  - date: 2021-10-12\n    title: Ofsted judged the service inadequate\n"
      "  - date: 2020-01-02\n    title: notice\n"
      "  - date: 2020-03-02\n    title: Improvement board\n"
      "  - date: 2020-06\n    title: Deadline for visits\n"
      "  - date: 2025\n    label: Summer 2024\n    title: Review\n"
      "  - date: 2021-10\n    title: Ofsted monitoring visit\n    kind: ofsted\n"
      "  - date: 2022\n    title: Something\n    kind: ofstead\n---\n";
  t.files["content/town/documents/notice.md"] =
      "---\ntitle: Notice\ntype: improvement-notice\ndate: 2020-01-02\n---\nText.\n";
  t.files["content/town/measures/visits.md"] =
      "---\ntitle: Visits\nset_by: notice\nkpi: visits\ndeadline: 2020-06-30\ntarget:\n  op: \">=\"\n  value: 90\n---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  auto m = Messages(diag);
  REQUIRE(m.size() == 6);
  CHECK(m[0] == "content/town/_authority.md:10:5: this event repeats the Ofsted judgement of October 2021 (Inadequate), "
                "which it adds from _authority.md's ofsted; the timeline would show it twice, so remove the event "
                "(docs/content-model.md, \"Events\")");
  CHECK(m[1].find("content/town/_authority.md:12:5: this event repeats the document 'notice'") == 0);
  CHECK(m[2].find("content/town/_authority.md:14:5: this event repeats the Improvement board of 2 March 2020") == 0);
  CHECK(m[3].find("content/town/_authority.md:16:5: this event repeats the deadline of measure 'visits' (30 June 2020)") == 0);
  CHECK(m[4] == "content/town/_authority.md:18:5: the label 'Summer 2024' is in 2024 but the date is 2025; make them agree");
  // A monitoring visit in the judgement's month repeats nothing; a misspelt kind is named.
  CHECK(m[5] == "content/town/_authority.md:26:11: unknown event kind 'ofstead'; did you mean 'ofsted'? (the kinds are "
                "ofsted, dfe, notice, meeting and other)");
}

TEST_CASE("limits fail at their place: figures past a million million, nesting past 64, events past 10,000") {
  SourceTree t = ValidTree();
  t.files["data/town/snapshots/2020-02-01.json"] =
      "{\"as_at\": \"2020-02-01\", \"values\": {\"visits\": 50, \"supervision\": {\"A\": 1.5e308}}}";
  t.files["data/town/snapshots/2020-03-01.json"] = std::string(65, '[') + std::string(65, ']');
  t.files["content/town/measures/visits.md"] =
      "---\ntitle: Visits\nset_by: notice\nkpi: visits\ntarget:\n  op: \"<=\"\n  value: -2e12\n---\n";
  std::string events = "---\nname: Town Council\nevents:\n";
  for (int i = 0; i < 10001; ++i) events += "  - {date: 2020-01-01, title: E}\n";
  t.files["content/town/_authority.md"] = events + "---\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "content/town/_authority.md:10004:5: more than 10000 events in one list; keep the timeline to what matters",
      "content/town/measures/visits.md:7:10: field 'value' is too large to be a figure (tracker takes up to a million million); check it",
      "data/town/snapshots/2020-02-01.json:1:71: value 1.5e+308 is too large to be a figure (tracker takes up to a million million); check it",
      "data/town/snapshots/2020-03-01.json:1:65: lists and objects are nested more than 64 deep here; tracker's files need only a few levels, so this file is not read"});
}

TEST_CASE("a value YAML reads as a comment (brand_colour: #1d70b8) is an error that says to quote it") {
  SourceTree t = ValidTree();
  t.files["site.yml"] = "title: Test\nbrand_colour: #1d70b8\norganisation: # a comment, with a space\n";
  Diagnostics diag;
  LoadSite(t, diag);
  CHECK(Messages(diag) == std::vector<std::string>{
      "site.yml:2:15: field 'brand_colour' is empty: YAML reads '#1d70b8' as a comment, as it starts with ' #'; "
      "quote the value: brand_colour: \"#1d70b8\""});
}
