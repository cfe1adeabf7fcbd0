// What a template shows: null, true or false, a whole number, text, a list
// or named fields. Made for pages, not for JSON: field names are the string
// literals of the code that sets them (never copied or compared as owned
// strings), fields stay in the order they were set in one small vector, and
// text the model or a cache already holds can be shown without a copy.
// The benchmark found building and freeing JSON trees per page a fifth of a
// full build (docs/performance.md).
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tracker {

// A name as lookups compare it: its length and first eight bytes in one
// word, so most names are told apart, or found equal, without a call to
// compare bytes; only the bytes past the eighth are compared as text.
struct FieldKey {
  constexpr explicit FieldKey(std::string_view n) : name(n) {
    for (size_t i = 0; i < n.size() && i < 8; ++i)
      prefix |= static_cast<uint64_t>(static_cast<unsigned char>(n[i])) << (8 * i);
  }
  bool operator==(const FieldKey& o) const {
    return prefix == o.prefix && name.size() == o.name.size() &&
           (name.size() <= 8 || name.substr(8) == o.name.substr(8));
  }
  std::string_view name;
  uint64_t prefix = 0;
};

// A field's name: a string literal, so a view never owns its names.
class FieldName {
 public:
  template <size_t N>
  consteval FieldName(const char (&s)[N]) : key_(std::string_view(s, N - 1)) {}
  // A name known only when running (a test's data read from a file): the
  // caller keeps its text alive as long as any view that uses it.
  static FieldName Borrowed(std::string_view s) { return FieldName(FieldKey(s)); }
  constexpr std::string_view str() const { return key_.name; }
  constexpr const FieldKey& key() const { return key_; }

 private:
  explicit constexpr FieldName(FieldKey k) : key_(k) {}
  FieldKey key_;
};

struct FieldInit;
struct ItemInit;

class View {
 public:
  using Field = std::pair<FieldName, View>;
  using List = std::vector<View>;
  using Fields = std::vector<Field>;

  View() = default;
  View(std::nullptr_t) {}
  View(bool b) : value_(b) {}
  View(int i) : value_(static_cast<int64_t>(i)) {}
  View(long i) : value_(static_cast<int64_t>(i)) {}
  View(unsigned long i) : value_(static_cast<int64_t>(i)) {}
  View(const char* s) : value_(std::string(s)) {}
  View(std::string s) : value_(std::move(s)) {}
  View(const std::vector<std::string>& texts);
  View(std::initializer_list<FieldInit> fields);

  // Text shown as it is held, without a copy: `text` must outlive the view.
  static View Ref(const std::string& text) {
    View v;
    v.value_ = std::string_view(text);
    return v;
  }
  // A view made once and shown in many places, without a copy: `shared`
  // must outlive this view, and is never changed through it.
  static View Share(const View& shared) {
    View v;
    v.value_ = &shared.Resolved();
    return v;
  }
  static View EmptyList() {
    View v;
    v.value_ = List();
    return v;
  }
  static View ListOf(std::initializer_list<ItemInit> items);

  bool is_null() const { return Resolved().value_.index() == 0; }
  bool is_list() const { return std::holds_alternative<List>(Resolved().value_); }
  bool is_fields() const { return std::holds_alternative<Fields>(Resolved().value_); }
  // What a section tests: false, null, empty text and empty lists are false.
  bool Truthy() const;
  // Text, or "" for anything else.
  std::string_view text() const;
  // Appends what {{name}} shows: text (escaped or not) and numbers; nothing
  // for null and true or false.
  void AppendTo(std::string* out, bool escape) const;

  // Fields. operator[] makes a null view into fields and adds the name when
  // it is not there yet.
  View& operator[](FieldName name);
  const View* Find(std::string_view name) const { return Find(FieldKey(name)); }
  const View* Find(const FieldKey& key) const;
  bool Has(std::string_view name) const { return Find(name) != nullptr; }

  // Lists. push_back makes a null view into a list.
  void push_back(View v);
  List& items();  // of a list of its own, not a shared one
  const List& items() const;
  size_t size() const;
  bool empty() const { return size() == 0; }
  View& back() { return items().back(); }

 private:
  // What a shared view stands for; itself otherwise.
  const View& Resolved() const {
    const auto* shared = std::get_if<const View*>(&value_);
    return shared ? **shared : *this;
  }

  std::variant<std::monostate, bool, int64_t, std::string, std::string_view, List, Fields, const View*> value_;
};

// One field of a view being made, as in View{{"name", value}}, and one item
// of a list made with View::ListOf. The value is `mutable` so the view is
// moved out of the initializer list, which hands out only const elements,
// instead of being deeply copied at every level.
struct FieldInit {
  template <class T>
  FieldInit(FieldName n, T&& v) : name(n), value(std::forward<T>(v)) {}
  FieldInit(FieldName n, std::initializer_list<FieldInit> v) : name(n), value(v) {}
  FieldName name;
  mutable View value;
};

struct ItemInit {
  template <class T>
  ItemInit(T&& v) : value(std::forward<T>(v)) {}
  ItemInit(std::initializer_list<FieldInit> v) : value(v) {}
  mutable View value;
};

inline View::View(std::initializer_list<FieldInit> fields) : value_(Fields()) {
  auto& out = std::get<Fields>(value_);
  out.reserve(fields.size());
  for (const auto& f : fields) out.emplace_back(f.name, std::move(f.value));
}

inline View View::ListOf(std::initializer_list<ItemInit> items) {
  View v = EmptyList();
  auto& out = std::get<List>(v.value_);
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(std::move(i.value));
  return v;
}

}  // namespace tracker
