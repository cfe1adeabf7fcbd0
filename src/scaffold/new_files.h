// `tracker new site|authority|document|measure|snapshot|meeting`: a starter
// tracker, or one file of the content model with valid front matter or
// JSON, filled in from what the source already holds (its KPIs, documents,
// document types and newest snapshot). Never overwrites a file; a meeting
// is added to the authority's list, the rest of the file kept as it was.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace tracker {

// The texts, pure.
std::string NamedAuthorityFile(const std::string& name);
std::string DocumentFile(const std::string& title, const std::string& type, const std::string& date);
// `set_by`: the document that set the measure, when the source has one to
// suggest (its newest notice or direction).
std::string MeasureFile(const std::string& title, const Kpi* kpi, const std::vector<Kpi>& kpis,
                        const std::string& set_by);
// Every KPI null; a breakdown's items those `items` gives (the newest
// snapshot's), else the KPI itself null.
std::string SnapshotFile(const Date& as_at, const std::vector<Kpi>& kpis,
                         const std::vector<std::pair<std::string, std::vector<std::string>>>& items);

// The commands; each returns its exit status (build.h's ExitCode).
int RunNewSite(const std::filesystem::path& dir, std::ostream& out, std::ostream& err);
int RunNewAuthorityNamed(const std::filesystem::path& source, const std::string& name, std::ostream& out,
                         std::ostream& err);
int RunNewDocument(const std::filesystem::path& source, const std::string& authority, const std::string& slug,
                   const std::string& type, const std::string& date, const std::string& title, std::ostream& out,
                   std::ostream& err);
int RunNewMeasure(const std::filesystem::path& source, const std::string& authority, const std::string& id,
                  const std::string& kpi, const std::string& title, std::ostream& out, std::ostream& err);
// `text` (an _authority.md) with a meeting added to its front matter's
// `meetings` list, or the list begun; nullopt when the list is written in a
// way this cannot add to (flow style), with the reason. Pure.
std::optional<std::string> WithMeeting(const std::string& text, const std::string& date, const std::string& title,
                                       const std::string& source, std::string* why);
int RunNewMeeting(const std::filesystem::path& source, const std::string& authority, const std::string& date,
                  const std::string& title, const std::string& from_document, std::ostream& out, std::ostream& err);

// With `from_csv`, the figures come from that file (scaffold/import_csv.h).
int RunNewSnapshot(const std::filesystem::path& source, const std::string& authority, const std::string& date,
                   const std::string& from_csv, std::ostream& out, std::ostream& err);

}  // namespace tracker
