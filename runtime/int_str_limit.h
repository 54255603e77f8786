// CPython 3.11's limit on conversions between int and decimal text (CVE-2020-10735): parsing
// or printing an int of more than sys.get_int_max_str_digits() digits (default 4300) in a base
// that is not a power of two raises ValueError, since both are quadratic. Set by
// sys.set_int_max_str_digits, -X int_max_str_digits and PYTHONINTMAXSTRDIGITS; 0 = no limit.
#pragma once

#include <string>
#include <string_view>

#include "runtime/bigint.h"

namespace minipy::rt {

constexpr int kIntMaxStrDigitsDefault = 4300;
constexpr int kIntMaxStrDigitsThreshold = 640;  // the smallest non-zero limit accepted

int int_max_str_digits();
void set_int_max_str_digits(int n);

/// True when v's decimal form has more digits than the limit; *error = CPython's message.
bool int_to_str_exceeds(const BigInt& v, std::string* error);
/// True when text (an int literal in `base`, 0 = by prefix) has more digits than the limit.
bool int_from_str_exceeds(std::string_view text, int base, std::string* error);

}  // namespace minipy::rt
