// "Download the data": every open data file, its columns, and the
// schema.org Dataset that describes them to search engines.
#include "render/pages.h"

#include <nlohmann/json.hpp>

#include "render/format.h"
#include "render/open_data.h"

namespace tracker::pages {

namespace {

std::string Size(size_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  return FormatNumber(bytes / 1024.0, bytes < 10 * 1024 ? 1 : 0) + " KB";
}

// JSON-LD sits inside <script>: markup characters are written as JSON
// escapes so content can never close the element.
std::string JsonLd(const nlohmann::json& j) {
  std::string ld;
  for (char ch : j.dump(1)) {
    if (ch == '<') ld += "\\u003c";
    else if (ch == '>') ld += "\\u003e";
    else if (ch == '&') ld += "\\u0026";
    else ld += ch;
  }
  return ld;
}

}  // namespace

void Data(SiteContext& c, const std::string& path) {
  const SiteConfig& cfg = c.site.config;
  View files = View::EmptyList();
  nlohmann::json ld_dist = nlohmann::json::array();
  for (const auto& d : c.downloads) {
    std::string who = "All authorities";
    for (const auto& a : c.summaries)
      if (a.slug == d.authority) who = a.name;
    files.push_back({{"title", d.title}, {"href", c.Href(path, d.path)}, {"format", d.format}, {"size", Size(d.bytes)},
                     {"rows", FormatNumber(static_cast<double>(d.rows), 0)}, {"authority", who},
                     {"file", d.path.substr(d.path.rfind('/') + 1)}});
    if (d.format != "CSV metadata")
      ld_dist.push_back({{"@type", "DataDownload"}, {"encodingFormat", d.format == "CSV" ? "text/csv" : "application/json"},
                         {"contentUrl", cfg.base_url.empty() ? d.path : cfg.base_url + d.path},
                         {"name", d.title}});
  }
  nlohmann::json dataset = {
      {"@context", "https://schema.org"}, {"@type", "Dataset"},
      {"name", cfg.title + ": performance figures"},
      {"description", "Every performance figure reported by the councils in this tracker, by date, "
                      "indicator and breakdown, with targets and the status of the measures that use them."},
      {"license", cfg.licence_url.empty() ? cfg.licence_name : cfg.licence_url},
      {"creator", {{"@type", "Organization"}, {"name", cfg.organisation.empty() ? cfg.title : cfg.organisation}}},
      {"dateModified", c.as_at().Iso()}, {"distribution", ld_dist}};
  if (!cfg.base_url.empty()) dataset["url"] = cfg.base_url + path;
  View view = {{"breadcrumbs", c.Breadcrumbs(path, {{"Home", "index.html"}})}, {"files", files},
               {"columns", OpenDataColumns()}, {"json_ld", JsonLd(dataset)}};
  c.Emit(path, "data", std::move(view), "Download the data", "Every figure in this tracker as open data: CSV and JSON.");
}

}  // namespace tracker::pages
