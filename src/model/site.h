// The domain model: plain data, no files, no clock. Load fills it; assess and
// render read it. Positions are kept so later checks can name the spot.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "diagnostics.h"
#include "model/date.h"
#include "model/official.h"

namespace tracker {

// The thresholds a status is judged by (docs/status.md), set in site.yml's
// `progress` block. The site's "How progress is judged" page is made from
// the same values.
struct ProgressMethod {
  double on_track = 0.95;        // R at or above: on track
  double at_risk = 0.6;          // R at or above (below on_track): at risk
  int assessment_months = 12;    // an assessment older than this is out of date
  int figure_periods = 3;        // a figure older than this many of its KPI's periods is out of date
  int confidence = 80;           // percent: the trend's interval must not span on track and off track
};

struct SiteConfig {
  std::string title;
  std::string base_url;  // absolute, ends with '/'; may be empty
  std::string language = "en-GB";
  std::string theme = "default";
  std::string organisation;
  std::string description;  // the home page's opening sentence; empty: the default
  std::string contact_email;
  std::optional<Date> as_at;
  bool unsafe_html = false;  // let raw HTML and any URL through from Markdown
  int trend_window = 6;      // values used for a trend (docs/status.md)
  ProgressMethod progress;   // how statuses are judged (site.yml `progress`)

  // Publishing (docs/content-model.md, "site.yml").
  std::string logo;          // a theme asset, e.g. assets/logo.svg
  std::string brand_colour = "#1d70b8";
  std::string phase_tag;     // e.g. "Beta"; empty: no phase banner
  std::string phase_text;
  std::string licence_name = "Open Government Licence v3.0";
  std::string licence_url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
  std::string contact_phone;
  std::string compliance = "partially";  // fully, partially or not (WCAG 2.2 AA)
  std::vector<std::string> known_issues;
  std::optional<Date> statement_prepared, statement_reviewed, last_tested;

  // The DfE statistical-neighbour model official comparisons use: "2025"
  // or "2021" (docs/official-statistics.md).
  std::string neighbour_model = "2025";
};

// What an event may say it is: an Ofsted visit, a DfE review, a notice or
// direction, a board or scrutiny meeting, or anything else.
inline constexpr const char* kEventKinds[] = {"ofsted", "dfe", "notice", "meeting", "other"};

struct Event {
  Date date;
  std::string title;
  bool expected = false;  // planned, not yet happened
  std::string label;      // shown instead of the date, e.g. "Autumn 2024"
  std::string source;     // document slug, may be empty
  // Whose event it is, for the timeline's symbol: one of kEventKinds.
  std::string kind = "other";
  // From an official file rather than written by hand: what else it says,
  // and whose record it is (Ofsted's published outcomes).
  std::string detail, credit;
  SourcePos pos;
  SourcePos source_pos;
};

struct OfstedJudgement {
  Date date;
  std::string judgement;
  std::string source;
  std::string detail, credit;  // as Event's, for a judgement from Ofsted's file
  SourcePos pos;
  SourcePos source_pos;
};

// The kinds of document, in one table: the id written in front matter and
// the words shown to readers.
struct DocumentType {
  const char* id;
  const char* label;
};
const std::vector<DocumentType>& DocumentTypeTable();
const std::vector<std::string>& DocumentTypes();       // the ids, for messages
// What a relative target follows: "England's figure", "the region's
// figure", "the statistical neighbours' mean".
const char* RelativeName(const std::string& relative_to);
const char* DocumentTypeLabel(const std::string& id);  // "Improvement notice"; "Other document" when unknown

struct Document {
  std::string slug;
  std::string title;
  std::string type;
  Date date;
  std::string from, to, summary, source_url;
  std::vector<Event> events;
  std::string body;  // Markdown
  SourcePos pos;
};

// kNotShownMet: the deadline has passed and no evidence dated since shows
// the target met. kOutOfDate: the newest evidence is older than the window
// set in site.yml, so it cannot show the current position.
enum class Status { kMet, kOnTrack, kAtRisk, kOffTrack, kNoData, kNotShownMet, kOutOfDate };
constexpr size_t kStatusCount = 7;
// The statuses in the order lists and keys show them, worst first.
constexpr size_t kStatusOrder[kStatusCount] = {3, 5, 6, 2, 1, 0, 4};

struct Assessment {
  Date date;
  Status status = Status::kNoData;
  std::string source;
  std::string note;
  SourcePos pos;
  SourcePos source_pos;
};

// A relative target's level for one official period: the comparator's
// figure for that period, which applies to local figures dated on or after
// the period's end, until the next period's (docs/status.md).
struct TargetLevel {
  Date from;           // the period's end
  double value = 0;
  std::string period;  // "Year ending 31 March 2025"
};

struct Target {
  std::string op;  // <=, <, >=, >
  double value = 0;
  std::string scope = "all";  // all, any, or a breakdown item
  SourcePos pos;
  // Set for a relative target: "england", "region" or "neighbours". The
  // target is then that comparator's official figure, not `value`.
  std::string relative_to;
  std::vector<TargetLevel> levels;  // from the official files at load, oldest first
  std::string unavailable;          // why there are no levels, when there are none

  bool Relative() const { return !relative_to.empty(); }
  // The level that applies to a figure dated `d`: -1 when none does (a
  // relative target before its first period's end).
  int LevelAt(const Date& d) const {
    int at = -1;
    for (size_t i = 0; i < levels.size() && levels[i].from <= d; ++i) at = static_cast<int>(i);
    return at;
  }
  // The value a figure dated `d` is judged against, or nullopt.
  std::optional<double> At(const Date& d) const {
    if (!Relative()) return value;
    const int i = LevelAt(d);
    return i < 0 ? std::nullopt : std::optional<double>(levels[i].value);
  }
};

struct Measure {
  std::string id;
  std::string title, summary, set_by, category, kpi;
  std::optional<Date> deadline;
  std::optional<Date> baseline;  // figures before it are not judged; default the set_by document's date
  std::optional<Target> target;
  std::vector<Assessment> assessments;  // oldest first
  std::string body;                     // Markdown narrative
  SourcePos pos;
  SourcePos set_by_pos, kpi_pos, baseline_pos;
};

enum class Unit { kCount, kPercent, kRatePer10k, kDays, kNumber };
enum class Direction { kHigherIsBetter, kLowerIsBetter, kNeutral };
// How often a KPI is reported: what "a reporting period" means when
// figures age (docs/status.md).
enum class Frequency { kMonthly, kQuarterly, kAnnual };

struct Kpi {
  std::string id;
  std::string label;
  Unit unit = Unit::kNumber;
  Direction direction = Direction::kNeutral;
  std::string description;
  std::string breakdown;  // dimension label, empty when none
  int decimals = 0;
  Frequency frequency = Frequency::kMonthly;
  std::optional<OfficialSeries> official;  // its figure in the DfE's files, if named
  SourcePos pos;
};

// A GSS symbol stands where a number cannot: c, x, z, low, u.
struct Symbol {
  std::string code;
  bool operator==(const Symbol&) const = default;
};
struct Missing {  // null: not reported
  bool operator==(const Missing&) const = default;
};
using Scalar = std::variant<Missing, double, Symbol>;

// The largest figure tracker accepts, either sign: far above any count or
// rate in children's services, and small enough that every sum, change and
// chart coordinate made from figures stays a finite number.
inline constexpr double kLargestFigure = 1e12;
// Items in the order the file gives them.
using Breakdown = std::vector<std::pair<std::string, Scalar>>;
using Value = std::variant<Scalar, Breakdown>;

// What a comparator's figure is for, when the snapshot says: an England or
// statistical-neighbour figure is often for a year, not the snapshot's date.
struct ComparatorPeriod {
  std::optional<Date> as_at;  // the date the figure describes: its period's end
  std::string period;         // as the source names it: "2022 to 2023"
  std::string source;         // who published it
};

struct Snapshot {
  Date as_at;
  std::string source;
  std::map<std::string, Value> values;
  std::map<std::string, double> targets;  // each must agree with its measure's target
  std::map<std::string, SourcePos> target_pos;
  std::map<std::string, std::map<std::string, Scalar>> comparators;
  // By comparator and KPI, where the figure is given with its period.
  std::map<std::string, std::map<std::string, ComparatorPeriod>> comparator_periods;
  std::map<std::string, std::string> notes;
  SourcePos pos;
  SourcePos source_pos;
};

// A dated meeting of the scrutiny panel or improvement board: "what
// changed" is told since the last one.
struct Meeting {
  Date date;
  std::string title;
  std::string source;  // document slug (e.g. its minutes), may be empty
  SourcePos pos;
  SourcePos source_pos;
};

struct Authority {
  std::string slug;
  std::string name, short_name, region, ons_code;
  std::string la_code;  // the DfE's three-digit code, e.g. 812; may be empty
  std::vector<OfstedJudgement> ofsted;
  std::vector<Event> events;
  std::vector<Meeting> meetings;  // by date
  std::string intro;  // Markdown
  std::vector<Document> documents;  // by date, then slug
  std::vector<Measure> measures;    // by id
  std::vector<Snapshot> snapshots;  // by as_at, oldest first
  SourcePos pos;
  SourcePos code_pos;  // la_code's value, else ons_code's, else pos

  // By slug: through `documents_by_slug` once IndexDocuments has made it
  // for the documents as they are, else by looking at each.
  const Document* FindDocument(const std::string& slug) const;
  void IndexDocuments();
  std::vector<uint32_t> documents_by_slug;  // positions in `documents`, in slug order
  const Measure* FindMeasure(const std::string& id) const;
};

// The target of the KPI `kpi_id` for one authority: that of its measures
// using the KPI (they must agree; validate checks), or nullptr.
const Target* TargetOf(const Authority& a, std::string_view kpi_id);

// The KPI of that id in `kpis`, or nullptr.
const Kpi* FindKpiIn(const std::vector<Kpi>& kpis, std::string_view id);

// What a figure of a KPI's unit cannot be: a percent outside 0 to 100, or
// a count, rate or number of days below zero.
bool PercentOutOfRange(const Kpi& kpi, double v);
bool NegativeNotAllowed(const Kpi& kpi, double v);

struct Site {
  SiteConfig config;
  std::vector<Kpi> kpis;                // in file order
  std::vector<Authority> authorities;  // by slug
  // The DfE's files in data/official/, read once and shared by every
  // authority; null when there are none.
  std::shared_ptr<const OfficialData> official;
  const Kpi* FindKpi(const std::string& id) const;
  const Authority* FindAuthority(const std::string& slug) const;
};

// Names used in content, and the words shown to readers.
const char* StatusId(Status s);  // "on-track"
const char* StatusLabel(Status s);  // "On track"
std::optional<Status> ParseStatus(const std::string& s);
const std::vector<std::string>& StatusIds();
const char* UnitId(Unit u);
std::optional<Unit> ParseUnit(const std::string& s);
const char* DirectionId(Direction d);
const char* FrequencyId(Frequency f);  // "monthly"
std::optional<Frequency> ParseFrequency(const std::string& s);
int MonthsPerPeriod(Frequency f);
std::optional<Direction> ParseDirection(const std::string& s);
const std::vector<std::string>& SymbolCodes();
bool IsSymbolCode(std::string_view code);
const char* SymbolMeaning(const std::string& code);      // "suppressed"
const char* SymbolExplanation(const std::string& code);  // for the key under a table
const std::vector<std::string>& OfstedGrades();

// Lower-case ASCII letters, digits, hyphens and underscores, starting with a
// letter or digit: the only names that become paths and ids.
bool IsValidSlug(const std::string& s);
// A slug for a name: "St. Helens" -> "st-helens", "Bristol, City of" ->
// "bristol-city-of", "Brighton & Hove" -> "brighton-and-hove".
std::string SlugFor(const std::string& name);

// The one check for every address an author gives: an absolute http:// or
// https:// address with a host, and no spaces, quotes, angle brackets or
// control characters. Never javascript:, data: or anything else. Returns
// "" when the address is good, else what is wrong.
std::string CheckWebAddress(std::string_view url);
// One email address, as a mailto link may carry it: no second recipient,
// no query (?cc=…), no spaces. "" when good, else what is wrong.
std::string CheckEmailAddress(std::string_view email);

}  // namespace tracker
