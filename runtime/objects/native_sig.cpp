// Declarative native signatures (see native_sig.h): the spec parser, the __text_signature__
// rendering and argument binding with CPython 3.11's messages. Converters: native_conv.cpp.
#include "runtime/objects/native_sig.h"

#include <cstdlib>
#include <limits>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"

namespace minipy::rt {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool is_ident(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

/// Splits the parameter list at top-level commas (commas inside quotes belong to a default).
std::vector<std::string_view> split_params(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  char quote = 0;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (quote) {
      if (c == '\\')
        i++;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == ',') {
      out.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  std::string_view last = trim(s.substr(start));
  if (!last.empty() || !out.empty()) out.push_back(last);
  return out;
}

bool parse_conv(std::string_view name, ArgConv* out) {
  static const struct {
    const char* name;
    ArgConv conv;
  } kConvs[] = {
      {"object", ArgConv::kObject},  {"int", ArgConv::kInt},           {"ssize_t", ArgConv::kSsize},
      {"index", ArgConv::kIndex},    {"double", ArgConv::kDouble},     {"str", ArgConv::kStr},
      {"buffer", ArgConv::kBuffer},  {"rwbuffer", ArgConv::kRwBuffer}, {"path", ArgConv::kPath},
      {"path_fd", ArgConv::kPathFd}, {"bool", ArgConv::kBool},
  };
  for (const auto& c : kConvs) {
    if (name == c.name) {
      *out = c.conv;
      return true;
    }
  }
  return false;
}

/// The body of a quoted literal with the escapes a signature needs (\\, \', \", \n, \t).
bool unquote(std::string_view lit, std::string* out) {
  char q = lit[0];
  if (lit.size() < 2 || lit.back() != q) return false;
  for (size_t i = 1; i + 1 < lit.size(); i++) {
    char c = lit[i];
    if (c == '\\' && i + 2 < lit.size()) {
      char e = lit[++i];
      out->push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? '\0' : e);
    } else {
      out->push_back(c);
    }
  }
  return true;
}

/// A default literal -> its value; null for a malformed one.
Ref parse_default(std::string_view text) {
  if (text == "None") return none_ref();
  if (text == "True") return bool_ref(true);
  if (text == "False") return bool_ref(false);
  // Clinic's spelling of PY_SSIZE_T_MAX (array.index, list.index's stop).
  if (text == "sys.maxsize") return int_from_int64(std::numeric_limits<int64_t>::max());
  if (text[0] == '\'' || text[0] == '"') {
    std::string s;
    if (!unquote(text, &s)) return Ref();
    return str_new(s);
  }
  if (text.size() > 1 && text[0] == 'b' && (text[1] == '\'' || text[1] == '"')) {
    std::string s;
    if (!unquote(text.substr(1), &s)) return Ref();
    return bytes_new(s);
  }
  std::string num(text);
  bool is_float = num.find_first_of(".eE") != std::string::npos && num.rfind("0x", 0) != 0;
  if (is_float || num == "inf" || num == "-inf") {
    char* end = nullptr;
    double d = std::strtod(num.c_str(), &end);
    if (end != num.c_str() + num.size()) return Ref();
    return float_new(d);
  }
  Ref r = int_from_string(num, 10);
  if (!r) clear_exception();
  return r;
}

}  // namespace

std::unique_ptr<NativeSig> NativeSig::parse(std::string_view spec, std::string* error) {
  auto fail = [&](std::string msg) {
    *error = fmt::format("bad native signature \"{}\": {}", spec, msg);
    return nullptr;
  };
  auto sig = std::make_unique<NativeSig>();
  size_t open = spec.find('(');
  if (open == std::string_view::npos || spec.back() != ')') return fail("expected name(...)");
  sig->name_ = std::string(trim(spec.substr(0, open)));
  if (!is_ident(sig->name_)) return fail("bad function name");
  std::vector<std::string_view> items = split_params(spec.substr(open + 1, spec.size() - open - 2));

  std::string text = "(";
  bool seen_slash = false, seen_star = false, seen_default = false;
  size_t first = 0;
  if (!items.empty() && !items[0].empty() && items[0][0] == '$') {
    if (items[0] == "$module")
      sig->receiver_ = Receiver::kModule;
    else if (items[0] == "$self")
      sig->receiver_ = Receiver::kSelf;
    else if (items[0] == "$type")
      sig->receiver_ = Receiver::kType;
    else
      return fail("unknown receiver");
    text += items[0];
    first = 1;
  }
  for (size_t k = first; k < items.size(); k++) {
    std::string_view it = items[k];
    if (text.size() > 1) text += ", ";
    if (sig->varkw_) return fail("parameter after **kwargs");
    if (it == "/") {
      if (seen_slash || seen_star) return fail("misplaced /");
      seen_slash = true;
      sig->nposonly_ = static_cast<uint16_t>(sig->params_.size());
      text += "/";
      continue;
    }
    if (it.substr(0, 2) == "**") {
      if (!is_ident(it.substr(2))) return fail("bad **name");
      sig->varkw_ = true;
      text += it;
      continue;
    }
    if (it[0] == '*') {
      if (seen_star) return fail("second *");
      seen_star = true;
      sig->npos_ = static_cast<uint16_t>(sig->params_.size());
      if (it.size() > 1) {
        if (!is_ident(it.substr(1))) return fail("bad *name");
        sig->varargs_ = true;
      }
      text += it;
      continue;
    }
    Param p;
    std::string_view def;
    size_t eq = it.find('=');
    if (eq != std::string_view::npos) {
      def = trim(it.substr(eq + 1));
      it = trim(it.substr(0, eq));
      if (def.empty()) return fail("empty default");
    }
    size_t colon = it.find(':');
    if (colon != std::string_view::npos) {
      std::string_view conv = trim(it.substr(colon + 1));
      it = trim(it.substr(0, colon));
      if (!conv.empty() && conv.back() == '?') {
        p.none_is_absent = true;
        conv.remove_suffix(1);
      }
      if (!parse_conv(conv, &p.conv)) return fail(fmt::format("unknown converter '{}'", conv));
    }
    if (!is_ident(it)) return fail(fmt::format("bad parameter name '{}'", it));
    for (const Param& q : sig->params_) {
      if (q.name == it) return fail("duplicate parameter");
    }
    p.name = std::string(it);
    p.name_str = Ref::new_ref(Value(intern(p.name)));
    text += p.name;
    if (!def.empty()) {
      p.default_text = std::string(def);
      if (def == "NULL") {
        p.def = Param::kAbsent;
        text += "=<unrepresentable>";
      } else {
        p.default_value = parse_default(def);
        if (!p.default_value) return fail(fmt::format("bad default '{}'", def));
        p.def =
            (p.none_is_absent && is_none(p.default_value.get())) ? Param::kAbsent : Param::kValue;
        text += "=" + p.default_text;
      }
      if (!seen_star) seen_default = true;
    } else if (!seen_star) {
      if (seen_default) return fail("required positional parameter after an optional one");
      sig->minpos_++;
    } else {
      sig->nkwonly_required_++;
    }
    if (p.conv != ArgConv::kObject) sig->has_typed_ = true;
    sig->params_.push_back(std::move(p));
  }
  text += ")";
  if (sig->params_.size() > NativeArgs::kMaxParams) return fail("too many parameters");
  if (!seen_star) sig->npos_ = static_cast<uint16_t>(sig->params_.size());
  if (!seen_slash) sig->nposonly_ = 0;
  sig->text_sig_ = std::move(text);

  // Typed defaults are converted once, here.
  for (size_t i = 0; i < sig->params_.size(); i++) {
    Param& p = sig->params_[i];
    if (p.def != Param::kValue || p.conv == ArgConv::kObject) continue;
    NativeArgs a;
    ArgSlot slots[NativeArgs::kMaxParams];
    a.typed_ = slots;
    a.v_[i] = p.default_value.get();
    if (!sig->convert(i, &a) || slots[i].keep) {
      clear_exception();
      return fail(fmt::format("default of '{}' does not convert", p.name));
    }
    p.default_typed.i = slots[i].i;
    p.default_typed.d = slots[i].d;
    p.default_typed.p = slots[i].p;
    p.default_typed.n = slots[i].n;
    p.default_typed.is_bytes = slots[i].is_bytes;
    if (p.conv == ArgConv::kDouble) p.default_typed.d = slots[i].d;
    if (p.conv == ArgConv::kBool) p.default_typed.b = slots[i].b;
  }

  // The error style CPython would use for a function of this shape.
  bool only_positional =
      sig->nposonly_ == sig->npos_ && sig->npos_ == sig->params_.size() && !sig->varkw_;
  if (only_positional && sig->params_.empty() && !sig->varargs_) {
    sig->style_ = Style::kNoArgs;
  } else if (only_positional && sig->params_.size() == 1 && sig->minpos_ == 1 && !sig->varargs_) {
    sig->style_ = Style::kOneArg;
  } else if (only_positional) {
    sig->style_ = Style::kPositional;
  } else {
    sig->style_ = Style::kKeywords;
  }
  return sig;
}

std::string NativeSig::function_str(Value self, TypeObject* owner) const {
  if (owner != nullptr) return owner->name + "." + name_;
  if (!self) return name_;
  if (type_of(self) == &module_type) {
    Value mod = dict_get_cstr(static_cast<ModuleObject*>(self.obj())->dict, "__name__");
    if (!mod || !is_str(mod) || as_str(mod)->view() == "builtins") return name_;
    return std::string(as_str(mod)->view()) + "." + name_;
  }
  if (type_of(self)->flags & kTypeTypeSubclass)
    return static_cast<TypeObject*>(self.obj())->name + "." + name_;
  return type_name(self) + "." + name_;
}

bool NativeSig::bind(Value self, TypeObject* owner, const Value* args, size_t nargs,
                     TupleObject* kwnames, NativeArgs* out, ArgSlot* slots) const {
  out->typed_ = slots;
  size_t nkw = kwnames != nullptr ? kwnames->size : 0;
  switch (style_) {
    case Style::kNoArgs:
      if (nkw != 0)
        return raise_fmt(&exc_TypeError, "{}() takes no keyword arguments",
                         function_str(self, owner)),
               false;
      if (nargs != 0) {
        raise_fmt(&exc_TypeError, "{}() takes no arguments ({} given)", function_str(self, owner),
                  nargs);
        return false;
      }
      return true;
    case Style::kOneArg:
      if (nkw != 0)
        return raise_fmt(&exc_TypeError, "{}() takes no keyword arguments",
                         function_str(self, owner)),
               false;
      if (nargs != 1) {
        raise_fmt(&exc_TypeError, "{}() takes exactly one argument ({} given)",
                  function_str(self, owner), nargs);
        return false;
      }
      out->v_[0] = args[0];
      break;
    case Style::kPositional: {
      if (nkw != 0)
        return raise_fmt(&exc_TypeError, "{}() takes no keyword arguments",
                         function_str(self, owner)),
               false;
      size_t max = varargs_ ? SIZE_MAX : npos_;
      if (nargs < minpos_) {
        raise_fmt(&exc_TypeError, "{} expected {}{} argument{}, got {}", name_,
                  minpos_ == max ? "" : "at least ", minpos_, minpos_ == 1 ? "" : "s", nargs);
        return false;
      }
      if (nargs > max) {
        raise_fmt(&exc_TypeError, "{} expected {}{} argument{}, got {}", name_,
                  minpos_ == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return false;
      }
      size_t n = nargs < npos_ ? nargs : npos_;
      for (size_t i = 0; i < n; i++) out->v_[i] = args[i];
      if (nargs > npos_) {
        out->varargs_ = args + npos_;
        out->nvarargs_ = nargs - npos_;
      }
      break;
    }
    case Style::kParseTuple: {
      // CPython words this from the method descriptor ("socket.sendmsg()") but from the bare
      // name for a module function ("gmtime()").
      if (nkw != 0)
        return raise_fmt(&exc_TypeError, "{}() takes no keyword arguments",
                         owner != nullptr ? function_str(self, owner) : name_),
               false;
      size_t max = varargs_ ? SIZE_MAX : npos_;
      if (nargs < minpos_ || nargs > max) {
        size_t n = nargs < minpos_ ? minpos_ : max;
        raise_fmt(&exc_TypeError, "{}() takes {} {} argument{} ({} given)", name_,
                  minpos_ == max    ? "exactly"
                  : nargs < minpos_ ? "at least"
                                    : "at most",
                  n, n == 1 ? "" : "s", nargs);
        return false;
      }
      size_t n = nargs < npos_ ? nargs : npos_;
      for (size_t i = 0; i < n; i++) out->v_[i] = args[i];
      if (nargs > npos_) {
        out->varargs_ = args + npos_;
        out->nvarargs_ = nargs - npos_;
      }
      break;
    }
    case Style::kKeywords:
      if (!bind_keywords(args, nargs, kwnames, out)) return false;
      break;
  }
  if (style_ == Style::kOneArg && !has_typed_ && !params_[0].none_is_absent) return true;
  for (size_t i = 0; i < params_.size(); i++) {
    const Param& p = params_[i];
    Value v = out->v_[i];
    if (!v) {
      if (p.def == Param::kValue) {
        out->v_[i] = p.default_value.get();
        if (p.conv != ArgConv::kObject) {
          ArgSlot& s = slots[i];
          s.i = p.default_typed.i;
          if (p.conv == ArgConv::kDouble) s.d = p.default_typed.d;
          if (p.conv == ArgConv::kBool) s.b = p.default_typed.b;
          s.p = p.default_typed.p;
          s.n = p.default_typed.n;
          s.is_bytes = p.default_typed.is_bytes;
        }
      }
      continue;
    }
    if (p.none_is_absent && is_none(v)) {
      out->v_[i] = Value();
      continue;
    }
    if (p.conv != ArgConv::kObject && !convert(i, out)) return false;
  }
  return true;
}

/// CPython's _PyArg_UnpackKeywords (3.11), message for message and in its order of checks.
bool NativeSig::bind_keywords(const Value* args, size_t nargs, TupleObject* kwnames,
                              NativeArgs* out) const {
  size_t nkw = kwnames != nullptr ? kwnames->size : 0;
  size_t n = params_.size();
  if (!varargs_ && !varkw_ && nargs + nkw > n) {
    raise_fmt(&exc_TypeError, "{}() takes at most {} {}argument{} ({} given)", name_, n,
              nargs == 0 ? "keyword " : "", n == 1 ? "" : "s", nargs + nkw);
    return false;
  }
  if (!varargs_ && nargs > npos_) {
    if (npos_ == 0) {
      raise_fmt(&exc_TypeError, "{}() takes no positional arguments", name_);
    } else {
      raise_fmt(&exc_TypeError, "{}() takes {} {} positional argument{} ({} given)", name_,
                minpos_ < npos_ ? "at most" : "exactly", npos_, npos_ == 1 ? "" : "s", nargs);
    }
    return false;
  }
  size_t minposonly = nposonly_ < minpos_ ? nposonly_ : minpos_;
  if (nargs < minposonly) {
    raise_fmt(&exc_TypeError, "{}() takes {} {} positional argument{} ({} given)", name_,
              minposonly < npos_ ? "at least" : "exactly", minposonly, minposonly == 1 ? "" : "s",
              nargs);
    return false;
  }
  size_t npass = nargs < npos_ ? nargs : npos_;
  for (size_t i = 0; i < npass; i++) out->v_[i] = args[i];
  if (nargs > npos_) {
    out->varargs_ = args + npos_;
    out->nvarargs_ = nargs - npos_;
  }
  if (nkw == 0 && nkwonly_required_ == 0 && nargs >= minpos_) return true;

  // Keywords: match each name to a parameter that accepts keywords; remember the first name
  // also given by position and the first unknown name (reported after missing ones, as CPython).
  size_t dup_index = SIZE_MAX, unknown = SIZE_MAX;
  for (size_t k = 0; k < nkw; k++) {
    Value kn = kwnames->at(k);
    size_t j = nposonly_;
    while (j < n && params_[j].name_str.get() != kn) j++;
    if (j == n) {
      std::string_view text = as_str(kn)->view();
      j = nposonly_;
      while (j < n && params_[j].name != text) j++;
    }
    if (j == n) {
      if (varkw_) {
        if (!out->kwargs_) out->kwargs_ = dict_new();
        if (!dict_set(reinterpret_cast<DictObject*>(out->kwargs_.obj()), kn, args[nargs + k]))
          return false;
      } else if (unknown == SIZE_MAX) {
        unknown = k;
      }
      continue;
    }
    if (j < npass) {
      if (dup_index == SIZE_MAX || j < dup_index) dup_index = j;
      continue;
    }
    out->v_[j] = args[nargs + k];
  }
  for (size_t i = npass > nposonly_ ? npass : nposonly_; i < n; i++) {
    if (!out->v_[i] && params_[i].def == Param::kRequired) {
      raise_fmt(&exc_TypeError, "{}() missing required argument '{}' (pos {})", name_,
                params_[i].name, i + 1);
      return false;
    }
  }
  if (dup_index != SIZE_MAX) {
    raise_fmt(&exc_TypeError, "argument for {}() given by name ('{}') and position ({})", name_,
              params_[dup_index].name, dup_index + 1);
    return false;
  }
  if (unknown != SIZE_MAX) {
    raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for {}()",
              as_str(kwnames->at(unknown))->view(), name_);
    return false;
  }
  return true;
}

}  // namespace minipy::rt
