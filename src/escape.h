// The one place content text is escaped for HTML, SVG and XML.
#pragma once
#include <string>
#include <string_view>

namespace tracker {

// Escapes & < > " ' so the text is safe in element content and in quoted
// attribute values of HTML, SVG and XML alike, and drops the control
// characters XML forbids (all below space but tab and line ends). The one
// escaper: templates' {{name}}, HTML written by code, SVG and Atom.
void AppendEscaped(std::string* out, std::string_view text);
std::string EscapeXml(std::string_view text);

// A CSV field: quoted when the text needs it (RFC 4180), and text that a
// spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a
// carriage return) kept as text by a leading ', as OWASP recommends. A
// number, a negative one included, stays a number.
std::string EscapeCsv(std::string_view text);
// Whether EscapeCsv would change the text.
bool CsvNeedsEscape(std::string_view text);

// `text` as the inside of a quoted CSS string: every character but ASCII
// letters and digits as a six-digit hex escape (spaces too, as CSS takes a
// space after an escape as part of it), so nothing in it can end the string
// or the <style> element it sits in.
std::string EscapeCssString(std::string_view text);

// `text` made safe to print on a terminal: control characters (C0, DEL and
// C1, which could move the cursor, retitle the window or hide text) and
// bytes that are not UTF-8 become visible \xNN escapes. For messages that
// quote file names and content.
std::string TerminalText(std::string_view text);

// Appends `text` as a quoted JSON string. For the large files written
// directly rather than built as a JSON tree first.
void AppendJsonString(std::string* out, std::string_view text);

}  // namespace tracker
