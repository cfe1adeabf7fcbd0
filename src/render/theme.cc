#include "render/theme.h"

#include <kainjow/mustache.hpp>

namespace tracker {

namespace mstch = kainjow::mustache;

namespace {

mstch::data ToData(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mstch::data d{mstch::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), ToData(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mstch::data d{mstch::data::type::list};
      for (const auto& item : j) d.push_back(ToData(item));
      return d;
    }
    case nlohmann::json::value_t::string:
      // Empty text is false, so {{#summary}}...{{/summary}} hides an empty field.
      if (j.get_ref<const std::string&>().empty()) return mstch::data{mstch::data::type::bool_false};
      return mstch::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean: return j.get<bool>() ? mstch::data{mstch::data::type::bool_true}
                                                                 : mstch::data{mstch::data::type::bool_false};
    case nlohmann::json::value_t::null: return mstch::data{mstch::data::type::bool_false};
    default: return mstch::data{j.dump()};  // numbers: views pass formatted strings
  }
}

}  // namespace

bool RenderTemplate(const Theme& theme, const std::string& name, const nlohmann::json& view,
                    std::string* out, std::string* error) {
  auto it = theme.templates.find(name);
  if (it == theme.templates.end()) {
    *error = "template '" + name + ".html' is missing from the theme";
    return false;
  }
  mstch::mustache tmpl{it->second};
  if (!tmpl.is_valid()) {
    *error = theme.template_paths.at(name) + ": " + tmpl.error_message();
    return false;
  }
  mstch::data data = ToData(view);
  // Partials are the templates whose names start with '_', so they never
  // shadow a key of the view.
  for (const auto& [pname, ptext] : theme.templates) {
    if (pname.empty() || pname[0] != '_') continue;
    const std::string* text = &ptext;
    data.set(pname, mstch::partial{[text]() { return *text; }});
  }
  *out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    *error = theme.template_paths.at(name) + ": " + tmpl.error_message();
    return false;
  }
  return true;
}

void CheckTheme(const Theme& theme, Diagnostics& diag) {
  for (const auto& [name, text] : theme.templates) {
    mstch::mustache tmpl{text};
    if (!tmpl.is_valid())
      diag.Error({theme.template_paths.at(name), 0, 0}, "template error: " + tmpl.error_message());
  }
}

}  // namespace tracker
