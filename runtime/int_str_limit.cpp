// The int <-> str digit limit (see int_str_limit.h).
#include "runtime/int_str_limit.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

namespace minipy::rt {

namespace {
int g_limit = kIntMaxStrDigitsDefault;  // one interpreter per process: the process's setting
}

int int_max_str_digits() { return g_limit; }
void set_int_max_str_digits(int n) { g_limit = n; }

bool int_to_str_exceeds(const BigInt& v, std::string* error) {
  if (g_limit <= 0) return false;
  // Decide from the bit length when that is conclusive (converting is the slow part).
  double bits = static_cast<double>(v.bit_length());
  double est = bits * std::log10(2.0);
  bool over;
  if (est < g_limit - 1) {
    over = false;
  } else if (est > g_limit + 1) {
    over = true;
  } else {
    std::string s = v.abs().to_string(10);
    over = static_cast<int64_t>(s.size()) > g_limit;
  }
  if (over) {
    *error = fmt::format(
        "Exceeds the limit ({} digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to "
        "increase the limit",
        g_limit);
  }
  return over;
}

bool int_from_str_exceeds(std::string_view text, int base, std::string* error) {
  if (g_limit <= 0) return false;
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) i++;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) i++;
  if (base == 0 && i + 1 < text.size() && text[i] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i + 1])));
    if (p == 'x' || p == 'o' || p == 'b') return false;  // a power-of-two base
  }
  if (base != 0 && (base & (base - 1)) == 0) return false;
  int64_t digits = 0;
  for (; i < text.size(); i++) digits += std::isalnum(static_cast<unsigned char>(text[i])) ? 1 : 0;
  if (digits <= g_limit) return false;
  *error = fmt::format(
      "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
      "sys.set_int_max_str_digits() to increase the limit",
      g_limit, digits);
  return true;
}

}  // namespace minipy::rt
