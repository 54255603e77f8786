// Python-compatible number/string formatting: repr(float), the format-spec mini-language
// (format()/str.format/f-strings), printf-style '%' helpers, and round().
//
// Self-contained: depends only on the standard library and runtime/bigint.h.
// Strings are UTF-8; widths and precisions count code points like CPython.
//
// Error reporting: functions returning NumError fill *error with CPython's exact message;
// NumError::ValueError -> raise ValueError, NumError::Overflow -> raise OverflowError.
//
// Empty format spec: CPython's format(obj, '') is str(obj). format_int/format_float/
// format_str handle '' the same way for exact int/float/str; the object layer should call
// str(obj) itself for subclasses (e.g. bool: format(True, '') == 'True').
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/bigint.h"

namespace minipy::rt {

// ---- float repr ----------------------------------------------------------------------
// repr(float) == str(float): shortest round-trip digits, exponent form when the decimal
// exponent is < -4 or >= 16, ".0" added to integral values, 'inf', '-inf', 'nan'.
std::string float_repr(double x);
inline std::string float_str(double x) { return float_repr(x); }

// CPython's PyOS_double_to_string: type in e E f F g G r ('r' = repr digits, precision
// ignored); flags mirror Py_DTSF_*. Exposed for float.__repr__, %-formatting, etc.
std::string double_to_string(double x, char type, int precision, bool add_dot_0 = false,
                             bool alternate = false, bool no_neg_zero = false);

// ---- format-spec mini-language -------------------------------------------------------
// [[fill]align][sign][z][#][0][width][grouping][.precision][type]
struct FormatSpec {
  char32_t fill = U' ';
  char align = '>';     // '<' '>' '^' '='; resolved using the caller's default
  char sign = 0;        // '+', '-', ' ' or 0 when absent
  bool no_neg_zero = false;  // 'z' (3.11)
  bool alternate = false;    // '#'
  int64_t width = -1;        // -1: none
  char grouping = 0;         // ',' or '_' or 0
  int64_t precision = -1;    // -1: none
  char32_t type = 0;         // presentation type, or default_type when omitted
};

// Parses like CPython's parse_internal_render_format_spec. type_name is used in the
// "Invalid format specifier '...' for object of type '...'" message. Defaults:
// int: ('d', '>'), float: (0, '>'), str: ('s', '<').
std::optional<FormatSpec> parse_format_spec(std::string_view spec, std::string_view type_name,
                                            char32_t default_type, char default_align,
                                            std::string* error);

// int.__format__ / float.__format__ / str.__format__ with an unparsed spec.
NumError format_int(const BigInt& v, std::string_view spec, std::string_view type_name,
                    std::string* out, std::string* error);
NumError format_int(int64_t v, std::string_view spec, std::string_view type_name,
                    std::string* out, std::string* error);
NumError format_float(double v, std::string_view spec, std::string_view type_name,
                      std::string* out, std::string* error);
NumError format_str(std::string_view utf8, std::string_view spec, std::string_view type_name,
                    std::string* out, std::string* error);
// complex.__format__ with a non-empty spec (CPython's format_complex_internal): both parts
// formatted as floats, the imaginary one always signed, padding applied to the whole.
NumError format_complex(double re, double im, std::string_view spec, std::string_view type_name,
                        std::string* out, std::string* error);

// Same with a parsed spec (parse with the defaults listed above).
NumError format_int(const BigInt& v, const FormatSpec& spec, std::string_view type_name,
                    std::string* out, std::string* error);
NumError format_int(int64_t v, const FormatSpec& spec, std::string_view type_name,
                    std::string* out, std::string* error);
NumError format_float(double v, const FormatSpec& spec, std::string_view type_name,
                      std::string* out, std::string* error);
NumError format_str(std::string_view utf8, const FormatSpec& spec, std::string_view type_name,
                    std::string* out, std::string* error);

// Low-level integer formatter shared by int64 and BigInt: abs_digits are the lowercase
// digits of |v| in the base of spec.type (2 for 'b', 8 'o', 16 'x'/'X', 10 otherwise; see
// int_format_base). Handles types b o x X d n and 0 only (not 'c' nor float types).
int int_format_base(char32_t type);
NumError format_integer_digits(bool negative, std::string_view abs_digits, const FormatSpec& spec,
                               std::string* out, std::string* error);

// ---- printf-style ('%' operator) -----------------------------------------------------
// Flags from "%[flags][width][.precision]type": '-' left, '+' plus, ' ' space, '0' zero,
// '#' alt. '*' widths must be resolved by the caller (negative '*' width => left=true).
struct PrintfSpec {
  bool left = false, plus = false, space = false, zero = false, alt = false;
  int64_t width = -1;
  int64_t precision = -1;
  char type = 'd';  // d i u o x X e E f F g G
};
// type e E f F g G (the caller converts ints with float()).
std::string format_float_printf(double x, const PrintfSpec& spec);
// type d i u o x X; abs_digits in the base of the type (lowercase).
std::string format_int_printf(bool negative, std::string_view abs_digits, const PrintfSpec& spec);
std::string format_int_printf(const BigInt& v, const PrintfSpec& spec);
// For %s / %r / %a: pad an already-converted UTF-8 string (precision truncates code points).
std::string format_str_printf(std::string_view utf8, const PrintfSpec& spec);

// ---- round() -------------------------------------------------------------------------
// round(x) for floats: nearest integer, ties to even (caller converts to int, raising for
// inf/nan as int(x) does).
double round_half_even(double x);
// round(x, ndigits): correctly rounded decimal rounding (round(2.675, 2) == 2.67).
// Overflow => OverflowError "rounded value too large to represent". nan/inf returned as is.
NumError round_double(double x, int64_t ndigits, double* out);
// Convenience: Ok-only variant (returns x itself on overflow).
double round_half_even(double x, int ndigits);

// ---- UTF-8 helpers -------------------------------------------------------------------
size_t utf8_length(std::string_view s);        // code points
std::string utf8_encode(char32_t cp);           // surrogates encoded as 3 bytes

}  // namespace minipy::rt
