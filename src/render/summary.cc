#include "render/summary.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>


namespace tracker {


AuthoritySummary Summarize(const SiteConfig& config, const Authority& a, const AuthorityAssessment& aa,
                           const Date& as_at) {
  AuthoritySummary s;
  s.slug = a.slug;
  s.name = a.name;
  s.short_name = a.short_name;
  s.region = a.region;
  s.ons_code = a.ons_code;
  s.measures = a.measures.size();
  s.documents = a.documents.size();
  for (const auto& m : aa.measures) ++s.statuses[static_cast<size_t>(m.status)];
  if (!a.documents.empty()) {
    const Document& d = a.documents.back();
    s.latest_document = AuthoritySummary::DocumentRef{d.slug, d.title, d.type, d.date};
  }
  for (size_t i = 0; i < a.measures.size(); ++i) {
    const MeasureStatus& m = aa.measures[i];
    s.judged.push_back({a.measures[i].id, a.measures[i].title, m.status, m.evidence ? *m.evidence : Date{}});
  }
  std::sort(s.judged.begin(), s.judged.end(),
            [](const AuthoritySummary::Judged& x, const AuthoritySummary::Judged& y) { return x.id < y.id; });
  for (const auto& j : a.ofsted)
    if (j.date <= as_at && (!s.latest_ofsted || s.latest_ofsted->date <= j.date))
      s.latest_ofsted = AuthoritySummary::OfstedRef{j.date, j.judgement};
  s.newest = NewestOf(a);
  s.feed = FeedEntries(config, a, as_at, true);
  if (s.feed.size() > kSiteFeedEntries) s.feed.resize(kSiteFeedEntries);
  return s;
}

std::vector<StatusChange> StatusChanges(const std::vector<AuthoritySummary>& before,
                                        const std::vector<AuthoritySummary>& after) {
  std::map<std::string, const AuthoritySummary*> was;
  for (const auto& s : before) was[s.slug] = &s;
  std::vector<const AuthoritySummary*> now;
  for (const auto& s : after) now.push_back(&s);
  std::sort(now.begin(), now.end(), [](const AuthoritySummary* x, const AuthoritySummary* y) { return x->slug < y->slug; });
  std::vector<StatusChange> out;
  for (const AuthoritySummary* s : now) {
    auto it = was.find(s->slug);
    if (it == was.end()) continue;
    std::map<std::string, Status> old;
    for (const auto& j : it->second->judged) old[j.id] = j.status;
    for (const auto& j : s->judged) {
      auto o = old.find(j.id);
      if (o != old.end() && o->second != j.status) out.push_back({s->slug, j.id, j.title, o->second, j.status, j.evidence});
    }
  }
  return out;
}

std::vector<FeedEntry> SiteFeed(const std::vector<AuthoritySummary>& all) {
  std::vector<FeedEntry> feed;
  for (const auto& s : all) feed.insert(feed.end(), s.feed.begin(), s.feed.end());
  SortFeed(feed);
  if (feed.size() > kSiteFeedEntries) feed.resize(kSiteFeedEntries);
  return feed;
}

bool SiteFeedKnown(const std::vector<AuthoritySummary>& all, const std::optional<FeedCutoff>& cutoff) {
  if (!cutoff) return true;  // every entry was kept
  std::vector<FeedEntry> feed = SiteFeed(all);
  if (feed.size() < kSiteFeedEntries) return false;
  const FeedEntry& last = feed.back();
  return std::make_tuple(-last.date.FirstDay(), last.id) <= std::make_tuple(-cutoff->day, cutoff->id);
}

}  // namespace tracker
