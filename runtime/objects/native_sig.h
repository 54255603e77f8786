// Declarative native signatures: a native function's parameters written once, as text in the
// shape of CPython's __text_signature__, e.g.
//     "pack_into($module, format, buffer: rwbuffer, offset: ssize_t, /, *args)"
//     "sorted($module, iterable, /, *, key=None, reverse=False)"
// parsed once when the function is registered (runtime/objects/native.h: NativeDef). Each call
// binds its arguments to the parameters with CPython's error messages (the ones its
// METH_NOARGS / METH_O / METH_FASTCALL / Argument Clinic paths produce, chosen from the shape of
// the signature), fills defaults, runs the converters and hands the function a NativeArgs; the
// text minus the converters is the function's __text_signature__, which inspect.signature reads.
//
// Grammar (whitespace free):  name "(" [receiver ","] param {"," param} ")"
//   receiver  $module | $self | $type     (the bound receiver, not an argument)
//   param     "/" | "*" | "*" NAME | "**" NAME | NAME [":" CONV ["?"]] ["=" DEFAULT]
//   DEFAULT   None True False, an int, a float, a '...' or "..." str, b'...', or NULL:
//             optional without a default value (absent: NativeArgs::given() is false); NULL
//             shows as <unrepresentable> in __text_signature__, as in CPython.
//   CONV      object (the default) | int (C int) | ssize_t | index (any int, via __index__) |
//             double (via __float__/__index__) | str | buffer (bytes-like, read) |
//             rwbuffer (writable bytes-like) | path | path_fd (path or an int descriptor) |
//             bool (truth value).  A trailing "?" lets None mean "absent".
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct TupleObject;
struct DictObject;
struct StrObject;

enum class ArgConv : uint8_t {
  kObject,
  kInt,
  kSsize,
  kIndex,
  kDouble,
  kStr,
  kBuffer,
  kRwBuffer,
  kPath,
  kPathFd,
  kBool
};

/// Converted data of one typed parameter (lives on the caller's stack for one call).
struct ArgSlot {
  union {
    int64_t i = 0;  // kInt, kSsize, kPathFd given an int (then p is null)
    double d;       // kDouble
    bool b;         // kBool
  };
  const char* p = nullptr;  // kStr, kPath: UTF-8 / file system bytes (NUL-free for paths)
  size_t n = 0;
  bool is_bytes = false;  // kPath: the caller passed bytes (listdir answers in kind)
  Ref keep;               // an object the converter made (an __fspath__ or __index__ result)
};

class NativeSig;

/// One call's arguments, bound to the signature's parameters in order (receiver excluded).
class NativeArgs {
 public:
  static constexpr size_t kMaxParams = 20;  // code.replace() has 18

  /// The argument object (or the default); null when absent (a NULL default, or None under "?").
  Value operator[](size_t i) const { return v_[i]; }
  bool given(size_t i) const { return !v_[i].is_null(); }
  int64_t i64(size_t i) const { return typed_[i].i; }  // int / ssize_t
  int i32(size_t i) const { return static_cast<int>(typed_[i].i); }
  double f64(size_t i) const { return typed_[i].d; }
  bool flag(size_t i) const { return typed_[i].b; }
  std::string_view str(size_t i) const { return {typed_[i].p, typed_[i].n}; }  // str, path
  bool path_is_bytes(size_t i) const { return typed_[i].is_bytes; }
  bool path_is_fd(size_t i) const { return typed_[i].p == nullptr; }
  /// buffer / rwbuffer: the bytes as they are now. Fetched again at each call, because Python
  /// code run since the conversion may have resized a bytearray.
  std::string_view bytes(size_t i) const;
  std::span<char> wbytes(size_t i) const;
  /// *args beyond the named parameters, and **kwargs (null when no extra keyword was given).
  std::span<const Value> varargs() const { return {varargs_, nvarargs_}; }
  DictObject* kwargs() const {
    return kwargs_ ? reinterpret_cast<DictObject*>(kwargs_.obj()) : nullptr;
  }

 private:
  friend class NativeSig;
  Value v_[kMaxParams];
  ArgSlot* typed_ = nullptr;
  const Value* varargs_ = nullptr;
  size_t nvarargs_ = 0;
  Ref kwargs_;
};

/// A parsed signature. Immutable after parse(); shared by every function object made from it.
class NativeSig {
 public:
  enum class Receiver : uint8_t { kModule, kSelf, kType };
  /// How CPython would report argument-count errors for a function of this shape.
  enum class Style : uint8_t {
    kNoArgs,      // METH_NOARGS: "f() takes no arguments (1 given)"
    kOneArg,      // METH_O: "f() takes exactly one argument (2 given)"
    kPositional,  // positional-only METH_FASTCALL: "f expected 2 arguments, got 1"
    kKeywords,    // keywords (Argument Clinic): "f() missing required argument 'x' (pos 1)"
    kParseTuple,  // PyArg_ParseTuple (METH_VARARGS): "f() takes at most 1 argument (2 given)"
  };

  struct Param {
    std::string name;
    Ref name_str;  // interned: kwnames match by pointer first
    ArgConv conv = ArgConv::kObject;
    bool none_is_absent = false;  // "?"
    enum Default : uint8_t { kRequired, kValue, kAbsent } def = kRequired;
    Ref default_value;
    std::string default_text;  // as written, for __text_signature__
    ArgSlot default_typed;     // the default already converted
  };

  /// Parses `spec`; on a malformed spec returns null and sets *error (a programming error,
  /// reported when the module registers the function).
  static std::unique_ptr<NativeSig> parse(std::string_view spec, std::string* error);

  const std::string& name() const { return name_; }
  /// "($module, iterable, /, *, key=None, reverse=False)": converters left out.
  const std::string& text_signature() const { return text_sig_; }
  Style style() const { return style_; }
  size_t nparams() const { return params_.size(); }
  const Param& param(size_t i) const { return params_[i]; }
  bool has_typed() const { return has_typed_; }
  /// Positional-only functions whose CPython counterpart parses with PyArg_ParseTuple report
  /// counts its way (the NativeDef flag kNativeParseTuple asks for this).
  void use_parse_tuple_messages() {
    if (style_ == Style::kPositional || style_ == Style::kOneArg) style_ = Style::kParseTuple;
  }

  /// Binds and converts one call's arguments into *out, whose typed slots (when has_typed())
  /// are `slots`. `self`/`owner` only name the function in errors (CPython's "math.sqrt()").
  /// False with a TypeError (or the converter's error) set.
  bool bind(Value self, TypeObject* owner, const Value* args, size_t nargs, TupleObject* kwnames,
            NativeArgs* out, ArgSlot* slots) const;

 private:
  bool bind_keywords(const Value* args, size_t nargs, TupleObject* kwnames, NativeArgs* out) const;
  bool convert(size_t i, NativeArgs* out) const;
  std::string function_str(Value self, TypeObject* owner) const;

  std::string name_;
  std::string text_sig_;
  std::vector<Param> params_;
  Receiver receiver_ = Receiver::kModule;
  Style style_ = Style::kKeywords;
  uint16_t nposonly_ = 0;  // params [0, nposonly_) are positional-only
  uint16_t npos_ = 0;      // params [0, npos_) may be given by position; the rest keyword-only
  uint16_t minpos_ = 0;    // required leading positional params
  uint16_t nkwonly_required_ = 0;
  bool varargs_ = false;
  bool varkw_ = false;
  bool has_typed_ = false;
};

/// Converters usable outside signatures (same errors as the signature converters).
/// `fname`/`what` name the argument in messages: "{fname}() {what} must be str, not int".
bool convert_to_double(Value v, double* out);  // "must be real number, not str"
bool convert_to_ssize(Value v, int64_t* out);  // __index__, C ssize_t range
bool convert_to_cint(Value v, int* out);       // __index__, C int range
/// A read-only view of a bytes-like object (bytes, bytearray, contiguous memoryview); false
/// without an exception when `v` is not one.
bool buffer_view(Value v, std::string_view* out);
/// buffer_view, else CPython's error for a `y*` argument: BufferError for a non-contiguous
/// memoryview, TypeError "a bytes-like object is required, not 'T'" otherwise.
bool buffer_view_or_raise(Value v, std::string_view* out);
/// A writable view (bytearray, writable memoryview); false without an exception otherwise.
bool buffer_writable(Value v, std::span<char>* out);
/// CPython's PyOS_FSPath, the one place a native function turns an os.PathLike into its path:
/// `v` itself when str or bytes, else what v.__fspath__() returns, which must be str or bytes
/// ("expected P.__fspath__() to return str or bytes, not int"). Without __fspath__ a null Ref;
/// then, given `found`, *found is false and no error is set (os's path converter words that
/// TypeError itself), else TypeError "expected str, bytes or os.PathLike object, not T".
Ref fspath(Value v, bool* found = nullptr);

}  // namespace minipy::rt
