#include "render/view.h"

#include "escape.h"

#include <tuple>

namespace tracker {

View::View(const std::vector<std::string>& texts) : value_(List()) {
  auto& list = std::get<List>(value_);
  list.reserve(texts.size());
  for (const auto& t : texts) list.emplace_back(t);
}

bool View::Truthy() const {
  const auto& value = Resolved().value_;
  if (std::holds_alternative<std::monostate>(value)) return false;
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  if (const auto* l = std::get_if<List>(&value)) return !l->empty();
  if (std::holds_alternative<std::string>(value) || std::holds_alternative<std::string_view>(value))
    return !text().empty();
  return true;  // numbers and fields, empty or not
}

std::string_view View::text() const {
  const auto& value = Resolved().value_;
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* s = std::get_if<std::string_view>(&value)) return *s;
  return {};
}

void View::AppendTo(std::string* out, bool escape) const {
  const auto& value = Resolved().value_;
  if (const auto* n = std::get_if<int64_t>(&value)) {
    *out += std::to_string(*n);
    return;
  }
  std::string_view t = text();
  if (escape) AppendEscaped(out, t);
  else out->append(t);
}

View& View::operator[](FieldName name) {
  if (is_null()) value_ = Fields();
  auto& fields = std::get<Fields>(value_);
  for (auto& [n, v] : fields)
    if (n.key() == name.key()) return v;
  // Made in place: moving a fresh null view in trips a false "maybe
  // uninitialized" warning in g++ 12.
  fields.emplace_back(std::piecewise_construct, std::forward_as_tuple(name), std::forward_as_tuple());
  return fields.back().second;
}

const View* View::Find(const FieldKey& key) const {
  const auto& value = Resolved().value_;
  const auto* fields = std::get_if<Fields>(&value);
  if (!fields) return nullptr;
  for (const auto& [n, v] : *fields)
    if (n.key() == key) return &v;
  return nullptr;
}

void View::push_back(View v) {
  if (is_null()) value_ = List();
  std::get<List>(value_).push_back(std::move(v));
}

View::List& View::items() { return std::get<List>(value_); }
const View::List& View::items() const { return std::get<List>(Resolved().value_); }

size_t View::size() const {
  const auto& value = Resolved().value_;
  if (const auto* l = std::get_if<List>(&value)) return l->size();
  if (const auto* f = std::get_if<Fields>(&value)) return f->size();
  return 0;
}

}  // namespace tracker
