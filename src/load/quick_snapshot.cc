#include "load/quick_snapshot.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

#include "load/text.h"

namespace tracker {

namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : t_(text) {}

  size_t at() const { return i_; }
  bool AtEnd() {
    Space();
    return i_ == t_.size();
  }
  // The next character, after white space; 0 at the end.
  char Peek() {
    Space();
    return i_ < t_.size() ? t_[i_] : '\0';
  }
  bool Take(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  // A string without escapes or control characters, as a view of the text.
  bool Str(std::string_view* out) {
    if (!Take('"')) return false;
    const size_t start = i_;
    for (; i_ < t_.size(); ++i_) {
      const unsigned char c = static_cast<unsigned char>(t_[i_]);
      if (c == '"') {
        *out = t_.substr(start, i_ - start);
        ++i_;
        return true;
      }
      if (c == '\\' || c < 0x20) return false;
    }
    return false;
  }
  bool Null() {
    if (Peek() != 'n' || t_.substr(i_, 4) != "null") return false;
    i_ += 4;
    return true;
  }
  // A number as JSON writes it, read as the general parser reads it: a
  // whole number exactly (so -0 is 0), anything else correctly rounded.
  bool Number(double* out) {
    Space();
    const size_t start = i_;
    if (i_ < t_.size() && t_[i_] == '-') ++i_;
    const size_t digits = i_;
    if (i_ < t_.size() && t_[i_] == '0') ++i_;
    else if (!Digits()) return false;
    const size_t int_end = i_;
    bool whole = true;
    if (i_ < t_.size() && t_[i_] == '.') {
      ++i_;
      if (!Digits()) return false;
      whole = false;
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (!Digits()) return false;
      whole = false;
    }
    const char* first = t_.data() + start;
    const char* last = t_.data() + i_;
    if (whole && int_end - digits <= 18) {
      int64_t n = 0;
      std::from_chars(t_.data() + digits, t_.data() + int_end, n);
      *out = static_cast<double>(t_[start] == '-' ? -n : n);
      return true;
    }
    // Longer whole numbers and the rest: left to the general parser, whose
    // handling of the largest and of overflow is its own.
    if (whole) return false;
    auto [end, ec] = std::from_chars(first, last, *out);
    return ec == std::errc() && end == last;
  }
  // Calls `member(key, key_offset)` for each member of an object, which
  // reads the value; false if it does, or the object is malformed.
  template <class Member>
  bool Object(Member&& member) {
    if (!Take('{')) return false;
    if (Take('}')) return true;
    for (;;) {
      std::string_view key;
      if (!Str(&key) || !Take(':') || !member(key)) return false;
      if (Take('}')) return true;
      if (!Take(',')) return false;
    }
  }

 private:
  void Space() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
  }
  bool Digits() {
    const size_t start = i_;
    while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
    return i_ > start;
  }

  std::string_view t_;
  size_t i_ = 0;
};

// A figure the general loader would take without a word.
bool ReadScalar(Reader& r, const Kpi& kpi, bool number_only, Scalar* out) {
  const char c = r.Peek();
  if (c == 'n') {
    if (number_only || !r.Null()) return false;
    *out = Missing{};
    return true;
  }
  if (c == '"') {
    std::string_view code;
    if (number_only || !r.Str(&code)) return false;
    if (!IsSymbolCode(code)) return false;
    *out = Symbol{std::string(code)};
    return true;
  }
  double d;
  if (!r.Number(&d)) return false;
  if (PercentOutOfRange(kpi, d) || NegativeNotAllowed(kpi, d) || !(std::abs(d) <= kLargestFigure)) return false;
  *out = d;
  return true;
}

bool ReadValue(Reader& r, const Kpi& kpi, Value* out) {
  if (r.Peek() != '{') {
    if (!kpi.breakdown.empty()) {
      // A breakdown KPI takes null or a symbol for the whole, never a number.
      const char c = r.Peek();
      if (c != 'n' && c != '"') return false;
    }
    Scalar sc;
    if (!ReadScalar(r, kpi, false, &sc)) return false;
    *out = sc;
    return true;
  }
  if (kpi.breakdown.empty()) return false;
  Breakdown b;
  const bool read = r.Object([&](std::string_view item) {
    for (const auto& [name, _] : b)
      if (name == item) return false;
    Scalar sc;
    if (!ReadScalar(r, kpi, false, &sc)) return false;
    b.emplace_back(std::string(item), std::move(sc));
    return true;
  });
  if (!read) return false;
  *out = std::move(b);
  return true;
}

// An object of {kpi: something}, each KPI known and given once.
template <class Read>
bool PerKpi(Reader& r, const std::vector<Kpi>& kpis, Read&& read) {
  return r.Object([&](std::string_view id) {
    const Kpi* k = FindKpiIn(kpis, id);
    return k && read(*k);
  });
}

}  // namespace

bool ReadSnapshotQuickly(const std::string& path, const std::string& text, const std::vector<Kpi>& kpis,
                         Snapshot* out) {
  Reader r(text);
  Snapshot s;
  enum { kAsAt, kSource, kValues, kTargets, kComparators, kNotes, kSchema, kFields };
  bool seen[kFields] = {};
  auto once = [&](int field) { return !std::exchange(seen[field], true); };
  const bool read = r.Object([&](std::string_view key) -> bool {
    if (key == "as_at") {
      if (!once(kAsAt)) return false;
      r.Peek();
      const size_t at = r.at();
      std::string_view iso;
      if (!r.Str(&iso)) return false;
      std::string why;
      auto d = ParseDate(std::string(iso), &why);
      if (!d || d->precision() != Date::Precision::kDay) return false;
      s.as_at = *d;
      LineCol lc = LineColAt(text, at);
      s.pos = {path, lc.line, lc.col};
      return true;
    }
    if (key == "source") {
      if (!once(kSource)) return false;
      r.Peek();
      const size_t at = r.at();
      std::string_view source;
      if (!r.Str(&source)) return false;
      s.source = source;
      LineCol lc = LineColAt(text, at);
      s.source_pos = {path, lc.line, lc.col};
      return true;
    }
    if (key == "values") {
      return once(kValues) && PerKpi(r, kpis, [&](const Kpi& k) {
               Value v;
               return ReadValue(r, k, &v) && s.values.emplace(k.id, std::move(v)).second;
             });
    }
    if (key == "targets") {
      return once(kTargets) && PerKpi(r, kpis, [&](const Kpi& k) {
               Scalar sc;
               r.Peek();
               const size_t at = r.at();
               if (!ReadScalar(r, k, true, &sc) || !s.targets.emplace(k.id, std::get<double>(sc)).second) return false;
               LineCol lc = LineColAt(text, at);
               s.target_pos[k.id] = {path, lc.line, lc.col};
               return true;
             });
    }
    if (key == "comparators") {
      return once(kComparators) && r.Object([&](std::string_view name) {
               const std::string comparator(name);
               if (!IsValidSlug(comparator) || s.comparators.count(comparator)) return false;
               auto& values = s.comparators[comparator];
               return PerKpi(r, kpis, [&](const Kpi& k) {
                 Scalar sc;
                 return ReadScalar(r, k, false, &sc) && values.emplace(k.id, std::move(sc)).second;
               });
             });
    }
    if (key == "$schema") {  // for editors; the build does not read it
      std::string_view schema;
      return once(kSchema) && r.Str(&schema);
    }
    if (key == "notes") {
      return once(kNotes) && PerKpi(r, kpis, [&](const Kpi& k) {
               std::string_view note;
               return r.Str(&note) && s.notes.emplace(k.id, std::string(note)).second;
             });
    }
    return false;  // unknown: the general loader says so
  });
  if (!read || !r.AtEnd() || !seen[kAsAt] || !seen[kValues]) return false;
  *out = std::move(s);
  return true;
}

}  // namespace tracker
