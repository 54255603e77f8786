// Printing exceptions the way CPython 3.11 does: chained causes/contexts, "Traceback (most
// recent call last):", one entry per frame with its source line and the ^~~ position markers,
// SyntaxError's caret block, and "Did you mean" suggestions for NameError/AttributeError.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "parser/driver.h"
#include "runtime/errors.h"
#include "runtime/exception_group.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/code.h"
#include "vm/interpreter.h"

namespace minipy::vm {

using namespace rt;

namespace {

const std::vector<std::string>* source_lines(const std::string& filename) {
  static std::map<std::string, std::vector<std::string>> cache;
  auto it = cache.find(filename);
  if (it != cache.end()) return &it->second;
  if (filename.empty() || filename[0] == '<') return nullptr;
  std::ifstream in(filename);
  if (!in) return nullptr;
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return &cache.emplace(filename, std::move(lines)).first->second;
}

/// Code-point column of a byte offset in a UTF-8 line.
int char_offset(const std::string& line, int byte_offset) {
  int n = 0;
  for (int i = 0; i < byte_offset && i < static_cast<int>(line.size()); i++) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) n++;
  }
  return n;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

struct Anchors {
  int left_end;
  int right_start;
};

/// CPython 3.11's _extract_caret_anchors_from_line_segment: BinOp and Subscript get ~ and ^.
bool caret_anchors(const std::string& segment, Anchors* out) {
  parse::ParseResult pr = parse::parse(segment, "<segment>", parse::Mode::Exec);
  if (!pr.module || pr.module->body.size() != 1) return false;
  const ast::Stmt& st = *pr.module->body[0];
  if (st.kind != ast::StmtKind::Expr) return false;
  const ast::Expr& e = *ast::as<ast::ExprStmt>(st).value;
  int n = static_cast<int>(segment.size());
  if (e.kind == ast::ExprKind::BinOp) {
    const auto& b = ast::as<ast::BinOp>(e);
    if (b.left->loc.end_line != 1 || b.right->loc.line != 1) return false;
    int op_start = b.left->loc.end_col;
    int op_end = b.right->loc.col;
    std::string op_str = segment.substr(op_start, std::max(0, op_end - op_start));
    int op_offset = 0;
    while (op_offset < static_cast<int>(op_str.size()) && is_space(op_str[op_offset])) op_offset++;
    int left = b.left->loc.end_col + op_offset;
    int right = left + 1;
    if (op_offset + 1 < static_cast<int>(op_str.size()) && !is_space(op_str[op_offset + 1])) right++;
    while (left < n && (is_space(segment[left]) || segment[left] == ')' || segment[left] == '#')) {
      left++;
      right++;
    }
    out->left_end = char_offset(segment, left);
    out->right_start = char_offset(segment, right);
    return true;
  }
  if (e.kind == ast::ExprKind::Subscript) {
    const auto& s = ast::as<ast::Subscript>(e);
    if (s.value->loc.end_line != 1 || s.slice->loc.end_line != 1) return false;
    int left = s.value->loc.end_col;
    int right = s.slice->loc.end_col + 1;
    while (left < n && segment[left] != '[') left++;
    while (right < n && segment[right] != ']') right++;
    if (right < n) right++;
    out->left_end = char_offset(segment, left);
    out->right_start = char_offset(segment, right);
    return true;
  }
  return false;
}

void format_entry(std::string& out, CodeObject* co, int insn) {
  const CodeUnit& u = *co->unit;
  Position pos = insn >= 0 && insn < static_cast<int>(u.positions.size()) ? u.positions[insn] : Position{u.first_line};
  out += fmt::format("  File \"{}\", line {}, in {}\n", u.filename, pos.line, u.name);
  const std::vector<std::string>* lines = source_lines(u.filename);
  if (lines == nullptr || pos.line < 1 || pos.line > static_cast<int>(lines->size())) return;
  const std::string& original = (*lines)[pos.line - 1];
  size_t b = original.find_first_not_of(" \t\f");
  if (b == std::string::npos) return;
  size_t e = original.find_last_not_of(" \t\r\n\f");
  std::string stripped = original.substr(b, e - b + 1);
  out += "    " + stripped + "\n";
  if (pos.col < 0 || pos.end_col <= 0 || !rt::interp().code_debug_ranges) return;
  int stripped_chars = char_offset(original, static_cast<int>(b));
  int start = char_offset(original, pos.col) + 1;
  int end = char_offset(original, pos.end_col) + 1;
  Anchors anchors{};
  bool have_anchors = false;
  if (pos.line == pos.end_line) {
    if (pos.end_col <= static_cast<int>(original.size()) && pos.col < pos.end_col) {
      have_anchors = caret_anchors(original.substr(pos.col, pos.end_col - pos.col), &anchors);
    }
  } else {
    end = stripped_chars + char_offset(stripped, static_cast<int>(stripped.size())) + 1;
  }
  int stripped_len = char_offset(stripped, static_cast<int>(stripped.size()));
  if (end - start < stripped_len || (have_anchors && anchors.right_start - anchors.left_end > 0)) {
    std::string row = "    " + std::string(std::max(0, start - 1 - stripped_chars), ' ');
    if (have_anchors) {
      row += std::string(std::max(0, anchors.left_end), '~');
      row += std::string(std::max(0, anchors.right_start - anchors.left_end), '^');
      row += std::string(std::max(0, end - start - anchors.right_start), '~');
    } else {
      row += std::string(std::max(0, end - start), '^');
    }
    out += row + "\n";
  }
}

// ---------------------------------------------------------------- suggestions (CPython's suggestions.c)

constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;
constexpr size_t kMaxCandidates = 750;
constexpr size_t kMaxStringSize = 40;

size_t substitution_cost(char a, char b) {
  if ((a & 31) != (b & 31)) return kMoveCost;
  if (a == b) return 0;
  if (a >= 'A' && a <= 'Z') a += 'a' - 'A';
  if (b >= 'A' && b <= 'Z') b += 'a' - 'A';
  return a == b ? kCaseCost : kMoveCost;
}

size_t levenshtein(std::string_view a, std::string_view b, size_t max_cost) {
  if (a == b) return 0;
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  size_t buffer[kMaxStringSize];
  for (size_t i = 0; i < a.size(); i++) buffer[i] = (i + 1) * kMoveCost;
  size_t result = 0;
  for (size_t bi = 0; bi < b.size(); bi++) {
    char code = b[bi];
    size_t distance = result = bi * kMoveCost;
    size_t minimum = SIZE_MAX;
    for (size_t i = 0; i < a.size(); i++) {
      size_t substitute = distance + substitution_cost(code, a[i]);
      distance = buffer[i];
      size_t insert_delete = std::min(result, distance) + kMoveCost;
      result = std::min(insert_delete, substitute);
      buffer[i] = result;
      minimum = std::min(minimum, result);
    }
    if (minimum > max_cost) return max_cost + 1;
  }
  return result;
}

std::string best_suggestion(const std::vector<std::string>& candidates, const std::string& name) {
  if (candidates.size() > kMaxCandidates || name.size() > kMaxStringSize) return "";
  size_t best = SIZE_MAX;
  std::string suggestion;
  for (const std::string& item : candidates) {
    if (item == name) continue;
    size_t max_distance = (name.size() + item.size() + 3) * kMoveCost / 6;
    if (best != SIZE_MAX) max_distance = std::min(max_distance, best - 1);
    size_t d = levenshtein(name, item, max_distance);
    if (d > max_distance) continue;
    if (suggestion.empty() || d < best) {
      suggestion = item;
      best = d;
    }
  }
  return suggestion;
}

std::vector<std::string> dict_keys_text(DictObject* d) {
  std::vector<std::string> out;
  size_t pos = 0;
  Value k;
  while (dict_next(d, &pos, &k, nullptr)) {
    if (is_str(k)) out.emplace_back(as_str(k)->view());
  }
  return out;
}

std::string suggestion_for(Value exc) {
  auto* e = static_cast<BaseExceptionObject*>(exc.obj());
  Value name = exc_field(exc, "name");
  if (!name || !is_str(name)) return "";
  std::string n(as_str(name)->view());
  if (isinstance(exc, &exc_NameError)) {
    if (!e->traceback.empty()) {
      auto* co = static_cast<CodeObject*>(e->traceback.front().code.obj());
      std::vector<std::string> locals;
      for (auto* v : co->varnames) locals.emplace_back(v->view());
      for (auto* v : co->cellvars) locals.emplace_back(v->view());
      for (auto* v : co->freevars) locals.emplace_back(v->view());
      std::string s = best_suggestion(locals, n);
      if (!s.empty()) return s;
    }
    if (e->name_error_globals) {
      std::string s = best_suggestion(dict_keys_text(as_dict(e->name_error_globals.get())), n);
      if (!s.empty()) return s;
    }
    return best_suggestion(dict_keys_text(interp().builtins_dict()), n);
  }
  if (isinstance(exc, &exc_AttributeError)) {
    Value obj = exc_field(exc, "obj");
    if (!obj) return "";
    Ref dir = call_method(obj, intern("__dir__"), nullptr, 0);
    if (!dir) {
      clear_exception();
      return "";
    }
    Ref l = list_from_iterable(dir.get());
    if (!l) {
      clear_exception();
      return "";
    }
    std::vector<std::string> cands;
    for (Value v : as_list(l.get())->items) {
      if (is_str(v)) cands.emplace_back(as_str(v)->view());
    }
    std::sort(cands.begin(), cands.end());
    return best_suggestion(cands, n);
  }
  return "";
}

std::string exception_type_name(Value exc) {
  TypeObject* t = type_of(exc);
  if (t->module == "builtins" || t->module == "__main__") return t->qualname;
  return t->module + "." + t->qualname;
}

void format_syntax_error(std::string& out, Value exc) {
  auto get = [&](const char* k) { return exc_field(exc, k); };
  Value fn = get("filename"), ln = get("lineno"), text = get("text"), off = get("offset"), eoff = get("end_offset"),
        eln = get("end_lineno"), msg = get("msg");
  std::string fname = fn && is_str(fn) ? std::string(as_str(fn)->view()) : "<string>";
  int64_t lineno = 0;
  if (ln && is_int(ln)) int_to_int64(ln, &lineno);
  out += fmt::format("  File \"{}\", line {}\n", fname, lineno);
  if (text && is_str(text)) {
    std::string t(as_str(text)->view());
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
    size_t b = t.find_first_not_of(" \t\f");
    if (b != std::string::npos) {
      std::string stripped = t.substr(b);
      // CPython also strips trailing whitespace of the shown line.
      size_t e = stripped.find_last_not_of(" \t\f");
      std::string shown = stripped.substr(0, e + 1);
      out += "    " + shown + "\n";
      int64_t offset = 0, end_offset = 0, end_line = lineno;
      if (off && is_int(off)) int_to_int64(off, &offset);
      if (eoff && is_int(eoff)) int_to_int64(eoff, &end_offset);
      if (eln && is_int(eln)) int_to_int64(eln, &end_line);
      int col = offset >= 1 ? char_offset(t, static_cast<int>(offset - 1)) - char_offset(t, static_cast<int>(b)) : -1;
      // CPython prints no caret left of the stripped text, and IndentationError gets a single one.
      if (col >= 0) {
        int width = 1;
        if (end_line == lineno && end_offset > offset && !isinstance(exc, &exc_IndentationError)) {
          width = char_offset(t, static_cast<int>(end_offset - 1)) - char_offset(t, static_cast<int>(offset - 1));
        }
        int shown_len = char_offset(shown, static_cast<int>(shown.size()));
        if (col > shown_len) col = shown_len;
        width = std::max(1, std::min(width, shown_len + 1 - col));
        out += "    " + std::string(col, ' ') + std::string(width, '^') + "\n";
      }
    }
  }
  std::string m;
  if (msg && is_str(msg)) m = std::string(as_str(msg)->view());
  out += exception_type_name(exc) + ": " + m + "\n";
}

// The state of one print (CPython's exception_print_context): inside an exception group every
// line gets an indent and a "| " margin, and the box around a group's members is closed once.
struct PrintCtx {
  std::set<uint64_t> seen;
  int group_depth = 0;
  bool need_close = false;
  static constexpr int kMaxGroupWidth = 15;
  static constexpr int kMaxGroupDepth = 10;
  std::string indent() const { return std::string(2 * group_depth, ' '); }
  std::string margin() const { return group_depth > 0 ? "| " : ""; }
};

// Appends `text` (whole lines) with the context's indent and margin before each line.
void put_lines(std::string& out, const std::string& text, const PrintCtx& c) {
  if (c.group_depth == 0) {
    out += text;
    return;
  }
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    out += c.indent() + c.margin();
    out.append(text, pos, end - pos);
    pos = end;
  }
}

// PEP 678: each note (a str) on its own lines after the exception line.
void format_notes(std::string& out, Value exc, const PrintCtx& c) {
  Ref notes = getattr_opt(exc, intern("__notes__"));
  if (!notes) {
    clear_exception();
    return;
  }
  std::string text;
  if (is_list(notes.get()) || is_tuple(notes.get())) {
    Ref it = get_iter(notes.get());
    for (;;) {
      Ref n = it ? iter_next(it.get()) : Ref();
      if (!n) break;
      if (is_str(n.get())) {
        text += std::string(as_str(n.get())->view()) + "\n";
      } else {
        Ref s = to_str(n.get());
        text += s ? std::string(as_str(s.get())->view()) + "\n" : "<note str() failed>\n";
        if (!s) clear_exception();
      }
    }
    clear_exception();
  } else {
    Ref r = repr(notes.get());
    text = r ? std::string(as_str(r.get())->view()) + "\n" : "<__notes__ repr() failed>\n";
    if (!r) clear_exception();
  }
  put_lines(out, text, c);
}

void format_recursive(std::string& out, Value exc, PrintCtx& c);

void format_chained(std::string& out, Value exc, const char* message, PrintCtx& c) {
  bool need_close = c.need_close;
  format_recursive(out, exc, c);
  c.need_close = need_close;
  put_lines(out, std::string("\n") + message + "\n", c);
}

/// How many traceback entries to print: sys.tracebacklimit when it is an int (<= 0: none, not
/// even the header), else CPython's default of 1000; the outermost entries are dropped.
int64_t traceback_limit() {
  constexpr int64_t kDefaultLimit = 1000;
  Value sys = interp().sys.get();
  if (!sys) return kDefaultLimit;
  Ref v = getattr_opt(sys, intern("tracebacklimit"));
  if (!v || !is_int(v.get())) {
    clear_exception();
    return kDefaultLimit;
  }
  int64_t n = 0;
  if (!int_to_int64(v.get(), &n)) {  // beyond 64 bits: no limit, or none printed
    clear_exception();
    return int_sign(v.get()) > 0 ? INT64_MAX : 0;
  }
  return n;
}

/// The entries of a traceback, outermost first. A run of more than kRecursiveCutoff entries at
/// the same file, line and function (a recursion) shows its first three and then
/// "[Previous line repeated N more times]", as CPython's tb_printinternal.
void format_entries(std::string& out, const std::vector<TracebackEntry>& tb, int64_t limit) {
  constexpr int kRecursiveCutoff = 3;
  auto repeated = [&out](int64_t count) {
    count -= kRecursiveCutoff;
    out += fmt::format("  [Previous line repeated {} more time{}]\n", count, count > 1 ? "s" : "");
  };
  const CodeUnit* last_unit = nullptr;
  int last_line = -1;
  int64_t count = 0;
  int64_t skip = static_cast<int64_t>(tb.size()) > limit ? static_cast<int64_t>(tb.size()) - limit : 0;
  for (auto it = tb.rbegin() + skip; it != tb.rend(); ++it) {
    auto* co = static_cast<CodeObject*>(it->code.obj());
    const CodeUnit& u = *co->unit;
    int line = u.line_of(it->insn);
    if (last_unit == nullptr || u.filename != last_unit->filename || line != last_line ||
        u.name != last_unit->name) {
      if (count > kRecursiveCutoff) repeated(count);
      last_unit = &u;
      last_line = line;
      count = 0;
    }
    if (++count <= kRecursiveCutoff) format_entry(out, co, it->insn);
  }
  if (count > kRecursiveCutoff) repeated(count);
}

void format_single(std::string& out, Value exc, PrintCtx& c) {
  auto* e = static_cast<BaseExceptionObject*>(exc.obj());
  if (int64_t limit = traceback_limit(); !e->traceback.empty() && limit > 0) {
    bool group = is_exception_group(exc);
    std::string header_margin = group && c.group_depth == 1 ? "+ " : c.margin();
    out += c.indent() + header_margin +
           (group ? "Exception Group Traceback (most recent call last):\n" : "Traceback (most recent call last):\n");
    std::string entries;
    format_entries(entries, e->traceback, limit);
    put_lines(out, entries, c);
  }
  std::string line;
  if (isinstance(exc, &exc_SyntaxError)) {
    format_syntax_error(line, exc);
  } else {
    std::string msg;
    Ref s = to_str(exc);
    if (!s) {
      clear_exception();
      msg = "<exception str() failed>";
    } else {
      msg = std::string(as_str(s.get())->view());
    }
    std::string tn = exception_type_name(exc);
    line = msg.empty() ? tn : tn + ": " + msg;  // no colon after an empty message
    std::string sugg = suggestion_for(exc);
    if (!sugg.empty()) line += ". Did you mean: '" + sugg + "'?";
    line += "\n";
  }
  put_lines(out, line, c);
  format_notes(out, exc, c);
}

// CPython 3.11's print_exception_group: the group, then each member in a numbered box.
void format_group(std::string& out, Value exc, PrintCtx& c) {
  if (c.group_depth > PrintCtx::kMaxGroupDepth) {
    put_lines(out, fmt::format("... (max_group_depth is {})\n", PrintCtx::kMaxGroupDepth), c);
    return;
  }
  if (c.group_depth == 0) c.group_depth++;
  format_single(out, exc, c);
  TupleObject* excs = as_tuple(static_cast<BaseExceptionObject*>(exc.obj())->group_excs.get());
  size_t num = excs->size;
  size_t n = num <= PrintCtx::kMaxGroupWidth ? num : PrintCtx::kMaxGroupWidth + 1;
  c.need_close = false;
  for (size_t i = 0; i < n; i++) {
    bool last = i == n - 1;
    if (last) c.need_close = true;  // a nested group may close the box itself
    bool truncated = i >= static_cast<size_t>(PrintCtx::kMaxGroupWidth);
    out += c.indent() + (i == 0 ? "+-" : "  ") +
           (truncated ? std::string("+---------------- ... ----------------\n")
                      : fmt::format("+---------------- {} ----------------\n", i + 1));
    c.group_depth++;
    if (!truncated) {
      format_recursive(out, excs->at(i), c);
    } else {
      size_t more = num - PrintCtx::kMaxGroupWidth;
      put_lines(out, fmt::format("and {} more exception{}\n", more, more > 1 ? "s" : ""), c);
    }
    if (last && c.need_close) {
      out += c.indent() + "+------------------------------------\n";
      c.need_close = false;
    }
    c.group_depth--;
  }
  if (c.group_depth == 1) c.group_depth--;
}

void format_recursive(std::string& out, Value exc, PrintCtx& c) {
  c.seen.insert(exc.bits());
  auto* e = static_cast<BaseExceptionObject*>(exc.obj());
  if (e->cause && !c.seen.count(e->cause.get().bits())) {
    format_chained(out, e->cause.get(), "The above exception was the direct cause of the following exception:\n", c);
  } else if (e->context && !e->suppress_context && !c.seen.count(e->context.get().bits())) {
    format_chained(out, e->context.get(), "During handling of the above exception, another exception occurred:\n", c);
  }
  if (is_exception_group(exc)) format_group(out, exc, c);
  else format_single(out, exc, c);
}

}  // namespace

void write_stderr(const std::string& text) {
  Value sys = interp().sys.get();
  if (sys) {
    Ref err = getattr_opt(sys, names::stderr_);
    if (err && !is_none(err.get())) {
      Ref s = str_new(text);
      Value a = s.get();
      Ref r = call_method(err.get(), names::write, &a, 1);
      if (r) {
        Ref fr = call_method(err.get(), names::flush, nullptr, 0);
        if (!fr) clear_exception();
        return;
      }
    }
    clear_exception();
  }
  ssize_t n = ::write(2, text.data(), text.size());
  (void)n;
}

void print_exception(Value exc) {
  std::string out;
  PrintCtx ctx;
  Ref saved = take_exception();
  // Like python3, pending stdout output comes out before the traceback.
  if (Value sys = interp().sys.get(); sys) {
    Ref so = getattr_opt(sys, names::stdout_);
    if (so && !is_none(so.get()) && !call_method(so.get(), names::flush, nullptr, 0)) clear_exception();
    clear_exception();
  }
  format_recursive(out, exc, ctx);
  write_stderr(out);
  if (saved) set_exception(std::move(saved));
}

}  // namespace minipy::vm
