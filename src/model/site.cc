#include "model/site.h"

#include <algorithm>
#include <cctype>

namespace tracker {

const Document* Authority::FindDocument(const std::string& s) const {
  if (documents_by_slug.size() == documents.size()) {
    // Pages look documents up hundreds of thousands of times on a large site.
    auto it = std::lower_bound(documents_by_slug.begin(), documents_by_slug.end(), s,
                               [&](uint32_t i, const std::string& slug) { return documents[i].slug < slug; });
    return it != documents_by_slug.end() && documents[*it].slug == s ? &documents[*it] : nullptr;
  }
  for (const auto& d : documents)
    if (d.slug == s) return &d;
  return nullptr;
}

void Authority::IndexDocuments() {
  documents_by_slug.resize(documents.size());
  for (uint32_t i = 0; i < documents_by_slug.size(); ++i) documents_by_slug[i] = i;
  std::sort(documents_by_slug.begin(), documents_by_slug.end(),
            [&](uint32_t x, uint32_t y) { return documents[x].slug < documents[y].slug; });
}

const Measure* Authority::FindMeasure(const std::string& id) const {
  for (const auto& m : measures)
    if (m.id == id) return &m;
  return nullptr;
}

const Kpi* FindKpiIn(const std::vector<Kpi>& kpis, std::string_view id) {
  for (const auto& k : kpis)
    if (k.id == id) return &k;
  return nullptr;
}

const Kpi* Site::FindKpi(const std::string& id) const { return FindKpiIn(kpis, id); }

bool PercentOutOfRange(const Kpi& kpi, double v) { return kpi.unit == Unit::kPercent && (v < 0 || v > 100); }

bool NegativeNotAllowed(const Kpi& kpi, double v) {
  return (kpi.unit == Unit::kCount || kpi.unit == Unit::kRatePer10k || kpi.unit == Unit::kDays) && v < 0;
}

const Target* TargetOf(const Authority& a, std::string_view kpi_id) {
  for (const auto& m : a.measures)
    if (m.target && m.kpi == kpi_id) return &*m.target;
  return nullptr;
}

std::string CheckWebAddress(std::string_view url) {
  const bool https = url.rfind("https://", 0) == 0, http = url.rfind("http://", 0) == 0;
  if (!https && !http) return "must be an absolute address starting with https:// or http://";
  const std::string_view rest = url.substr(https ? 8 : 7);
  if (rest.empty() || rest[0] == '/' || rest[0] == '?' || rest[0] == '#') return "has no host after the scheme";
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`')
      return "holds a space, quote, angle bracket or control character; write it as a plain address";
  return "";
}

std::string CheckEmailAddress(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size() || email.find('@', at + 1) != std::string_view::npos)
    return "must be one email address, such as accessibility@council.gov.uk, with no spaces, second address or query such as ?cc=";
  for (unsigned char c : email)
    if (c <= 0x20 || c == 0x7f || c == ',' || c == ';' || c == '?' || c == '&' || c == '"' || c == '\'' ||
        c == '<' || c == '>' || c == '\\' || c == '(' || c == ')' || c == ':' || c == '/')
      return "must be one email address, such as accessibility@council.gov.uk, with no spaces, second address or query such as ?cc=";
  return "";
}

const Authority* Site::FindAuthority(const std::string& slug) const {
  for (const auto& a : authorities)
    if (a.slug == slug) return &a;
  return nullptr;
}

const std::vector<DocumentType>& DocumentTypeTable() {
  static const std::vector<DocumentType> k = {
      {"improvement-notice", "Improvement notice"}, {"statutory-direction", "Statutory direction"},
      {"dfe-letter", "DfE letter"},                 {"ofsted-letter", "Ofsted letter"},
      {"scrutiny-report", "Scrutiny report"},       {"board-minutes", "Board minutes"},
      {"improvement-plan", "Improvement plan"},     {"presentation", "Presentation"},
      {"other", "Other document"}};
  return k;
}

const std::vector<std::string>& DocumentTypes() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v;
    for (const auto& t : DocumentTypeTable()) v.push_back(t.id);
    return v;
  }();
  return ids;
}

const char* RelativeName(const std::string& relative_to) {
  if (relative_to == "england") return "England's figure";
  if (relative_to == "region") return "the region's figure";
  if (relative_to == "neighbours") return "the statistical neighbours' mean";
  return "a comparator's figure";
}

const char* DocumentTypeLabel(const std::string& id) {
  for (const auto& t : DocumentTypeTable())
    if (id == t.id) return t.label;
  return "Other document";
}

const char* StatusId(Status s) {
  switch (s) {
    case Status::kMet: return "met";
    case Status::kOnTrack: return "on-track";
    case Status::kAtRisk: return "at-risk";
    case Status::kOffTrack: return "off-track";
    case Status::kNoData: return "no-data";
    case Status::kNotShownMet: return "not-shown-met";
    case Status::kOutOfDate: return "out-of-date";
  }
  return "no-data";
}

const char* StatusLabel(Status s) {
  switch (s) {
    case Status::kMet: return "Met";
    case Status::kOnTrack: return "On track";
    case Status::kAtRisk: return "At risk";
    case Status::kOffTrack: return "Off track";
    case Status::kNoData: return "No data";
    case Status::kNotShownMet: return "Not shown to be met";
    case Status::kOutOfDate: return "Out of date";
  }
  return "No data";
}

const std::vector<std::string>& StatusIds() {
  static const std::vector<std::string> k = {"met", "on-track", "at-risk", "off-track"};
  return k;
}

std::optional<Status> ParseStatus(const std::string& s) {
  if (s == "met") return Status::kMet;
  if (s == "on-track") return Status::kOnTrack;
  if (s == "at-risk") return Status::kAtRisk;
  if (s == "off-track") return Status::kOffTrack;
  return std::nullopt;
}

const char* UnitId(Unit u) {
  switch (u) {
    case Unit::kCount: return "count";
    case Unit::kPercent: return "percent";
    case Unit::kRatePer10k: return "rate_per_10k";
    case Unit::kDays: return "days";
    case Unit::kNumber: return "number";
  }
  return "number";
}

std::optional<Unit> ParseUnit(const std::string& s) {
  if (s == "count") return Unit::kCount;
  if (s == "percent") return Unit::kPercent;
  if (s == "rate_per_10k") return Unit::kRatePer10k;
  if (s == "days") return Unit::kDays;
  if (s == "number") return Unit::kNumber;
  return std::nullopt;
}

const char* DirectionId(Direction d) {
  switch (d) {
    case Direction::kHigherIsBetter: return "higher_is_better";
    case Direction::kLowerIsBetter: return "lower_is_better";
    case Direction::kNeutral: return "neutral";
  }
  return "neutral";
}

const char* FrequencyId(Frequency f) {
  switch (f) {
    case Frequency::kMonthly: return "monthly";
    case Frequency::kQuarterly: return "quarterly";
    case Frequency::kAnnual: return "annual";
  }
  return "monthly";
}

std::optional<Frequency> ParseFrequency(const std::string& s) {
  if (s == "monthly") return Frequency::kMonthly;
  if (s == "quarterly") return Frequency::kQuarterly;
  if (s == "annual") return Frequency::kAnnual;
  return std::nullopt;
}

int MonthsPerPeriod(Frequency f) { return f == Frequency::kAnnual ? 12 : f == Frequency::kQuarterly ? 3 : 1; }

std::optional<Direction> ParseDirection(const std::string& s) {
  if (s == "higher_is_better") return Direction::kHigherIsBetter;
  if (s == "lower_is_better") return Direction::kLowerIsBetter;
  if (s == "neutral") return Direction::kNeutral;
  return std::nullopt;
}

const std::vector<std::string>& SymbolCodes() {
  static const std::vector<std::string> k = {"c", "x", "z", "low", "u", ":"};
  return k;
}

bool IsSymbolCode(std::string_view code) {
  const auto& codes = SymbolCodes();
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

const char* SymbolMeaning(const std::string& code) {
  if (code == "c") return "suppressed";
  if (code == "x") return "not available";
  if (code == "z") return "not applicable";
  if (code == "low") return "rounds to zero";
  if (code == "u") return "low reliability";
  if (code == ":") return "not available";
  return "unknown";
}

const char* SymbolExplanation(const std::string& code) {
  if (code == "c") return "the figure is withheld to protect confidentiality";
  if (code == "x") return "the figure was not available";
  if (code == "z") return "the figure does not apply";
  if (code == "low") return "the figure is above zero but rounds to zero";
  if (code == "u") return "the figure has low reliability";
  if (code == ":") return "the figure was not available (the older way of writing x)";
  return "";
}

const std::vector<std::string>& OfstedGrades() {
  static const std::vector<std::string> k = {
      "Outstanding", "Good", "Requires improvement to be good", "Inadequate"};
  return k;
}

bool IsValidSlug(const std::string& s) {
  if (s.empty() || s.size() > 100) return false;
  auto ok_first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!ok_first(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return ok_first(c) || c == '-' || c == '_'; });
}

std::string SlugFor(const std::string& name) {
  std::string out;
  for (char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80) out += static_cast<char>(std::tolower(c));
    else if (ch == '&') out += out.empty() || out.back() == '-' ? "and-" : "-and-";
    else if (!out.empty() && out.back() != '-' && ch != '.' && ch != '\'') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace tracker
