// str: immutable UTF-8 text with a cached code-point length and hash. ASCII strings (the common
// case) index in O(1); others walk the UTF-8 bytes. Interned strings are immortal and unique, so
// names compare by pointer in dict lookups.
#pragma once

#include <string>
#include <string_view>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct StrObject : Object {
  int64_t hash = -1;    // -1 = not computed yet
  int64_t length = 0;   // in code points
  bool ascii = true;
  bool interned = false;
  std::string data;     // UTF-8
  DictObject* dict = nullptr;  // __dict__ of subclass instances (enum's StrEnum members)

  std::string_view view() const { return data; }
};

extern TypeObject str_type;

inline bool is_str(Value v) {
  return v.is_object() && (v.obj()->type == &str_type || (v.obj()->type->flags & kTypeStrSubclass));
}
inline bool is_str_exact(Value v) { return v.is_object() && v.obj()->type == &str_type; }
inline StrObject* as_str(Value v) { return static_cast<StrObject*>(v.obj()); }

/// New str from UTF-8 bytes (assumed valid UTF-8).
Ref str_new(std::string_view utf8);
Ref str_new(std::string&& utf8);
inline Ref str_new(const char* utf8) { return str_new(std::string_view(utf8)); }
inline Ref str_new(const std::string& utf8) { return str_new(std::string_view(utf8)); }
/// The interned, immortal str for `s` (borrowed; lives for the process).
StrObject* intern(std::string_view s);
/// Interns an existing str in place when possible (returns a new reference to the interned one).
Ref intern_ref(Ref s);
/// The empty string and the one-character ASCII strings are shared.
Ref str_empty();
Ref str_from_char(uint32_t code_point);

int64_t str_hash(StrObject* s);
bool str_equal(StrObject* a, StrObject* b);

/// Code-point helpers for UTF-8.
int64_t utf8_length(std::string_view s, bool* ascii);
void utf8_append(std::string& out, uint32_t cp);
/// Byte offset of code point index `i` (0 <= i <= length).
size_t str_byte_offset(StrObject* s, int64_t i);
/// Decodes the code point starting at byte `pos`, advancing pos.
uint32_t utf8_decode(std::string_view s, size_t& pos);

/// repr() of a str, with CPython's quote choice and escapes.
std::string str_repr_text(std::string_view s);

/// Registers the str methods (str_methods.cpp) into str_type's dict.
void str_methods_init();

}  // namespace minipy::rt
