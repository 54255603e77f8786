// Arbitrary-precision signed integers for minipy's int type.
//
// Self-contained: depends only on the C++ standard library so the object layer can wrap it.
// Representation: sign + magnitude, magnitude as little-endian base-2^32 limbs with no
// leading zero limbs (zero is an empty magnitude and is never negative).
// All operations have value semantics. Errors are reported through NumError, never by
// throwing (std::bad_alloc aside). Results that would need more than kMaxBits bits are
// reported as NumError::Overflow (Python would raise MemoryError/OverflowError).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minipy::rt {

enum class NumError { Ok, ZeroDivision, Overflow, ValueError };

class BigInt {
 public:
  using Limb = uint32_t;
  static constexpr uint64_t kMaxBits = uint64_t{1} << 36;  // 8 GiB of magnitude

  BigInt() = default;
  BigInt(int64_t v);  // NOLINT(google-explicit-constructor): ints convert freely
  static BigInt from_uint64(uint64_t v);
  // Little-endian base-2^32 magnitude; leading zero limbs are trimmed.
  static BigInt from_limbs(bool negative, std::vector<Limb> magnitude);
  // Truncates toward zero. inf -> Overflow ("cannot convert float infinity to integer"),
  // nan -> ValueError ("cannot convert float NaN to integer").
  static NumError from_double(double d, BigInt* out);
  // Python's int(s, base) rules; base 0 or 2..36 (anything else -> nullopt). Accepts
  // surrounding whitespace (ASCII " \t\n\v\f\r" and non-ASCII Unicode White_Space as UTF-8), one sign,
  // single underscores between digits, 0x/0o/0b prefixes. Non-ASCII digits are NOT
  // accepted: callers should first map Unicode decimal digits to ASCII as CPython does.
  static std::optional<BigInt> from_string(std::string_view s, int base = 10);
  // int.from_bytes
  static BigInt from_bytes(const uint8_t* data, size_t n, bool little_endian, bool is_signed);

  bool is_zero() const { return mag_.empty(); }
  bool is_negative() const { return neg_; }
  bool is_odd() const { return !mag_.empty() && (mag_[0] & 1); }
  int sign() const { return mag_.empty() ? 0 : (neg_ ? -1 : 1); }
  const std::vector<Limb>& magnitude() const { return mag_; }

  bool fits_int64() const;
  int64_t to_int64() const;  // precondition: fits_int64(); otherwise wraps modulo 2^64
  // Correctly rounded (half-even). *overflow set (and +-inf returned) when |x| rounds to
  // >= 2^1024 (Python: OverflowError "int too large to convert to float").
  double to_double(bool* overflow) const;
  // Like math.frexp on the exact value: returns m with 0.5 <= |m| < 1 rounded to 53 bits
  // (m==0 for zero) and sets *exp so that x ~= m * 2^*exp. Never overflows (for math.log).
  double frexp(int64_t* exp) const;
  // Digits in base 2..36, lowercase, '-' for negatives, no prefix.
  std::string to_string(int base = 10) const;
  uint64_t bit_length() const;
  uint64_t bit_count() const;  // popcount of |x| (int.bit_count)
  // CPython's hash(int): modulus 2^61-1, sign applied, -1 mapped to -2.
  int64_t hash() const;
  // int.to_bytes; Overflow when the value does not fit ("int too big to convert"; for a
  // negative value with is_signed=false CPython says "can't convert negative int to unsigned").
  NumError to_bytes(size_t length, bool little_endian, bool is_signed, std::string* out) const;

  BigInt operator-() const;
  BigInt abs() const;
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  BigInt& operator+=(const BigInt& b) { return *this = *this + b; }
  BigInt& operator-=(const BigInt& b) { return *this = *this - b; }
  BigInt& operator*=(const BigInt& b) { return *this = *this * b; }

  // Python floor semantics: q = floor(a/b), r = a - q*b has the sign of b.
  // Either output may be null. ZeroDivision when b == 0.
  static NumError divmod(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r);
  static NumError floordiv(const BigInt& a, const BigInt& b, BigInt* q) { return divmod(a, b, q, nullptr); }
  static NumError mod(const BigInt& a, const BigInt& b, BigInt* r) { return divmod(a, b, nullptr, r); }
  // Truncating division (C semantics), used e.g. by math.comb helpers.
  static NumError divmod_trunc(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r);

  // a ** e for e >= 0 (e < 0 -> ValueError; Python returns a float there, caller's job).
  static NumError pow(const BigInt& a, const BigInt& e, BigInt* out);
  static BigInt pow(const BigInt& a, uint64_t e);  // caller guarantees the size is sane
  // pow(a, e, m): m == 0 -> ValueError ("pow() 3rd argument cannot be 0"); e < 0 uses the
  // modular inverse, ValueError ("base is not invertible for the given modulus") when none.
  // Result has m's sign (floor modulo).
  static NumError pow_mod(const BigInt& a, const BigInt& e, const BigInt& m, BigInt* out);
  // a / b as a correctly rounded double. ZeroDivision; Overflow ("integer division result
  // too large for a float"). Sign of zero results follows the operand signs like CPython.
  static NumError true_divide(const BigInt& a, const BigInt& b, double* out);
  static BigInt gcd(const BigInt& a, const BigInt& b);  // non-negative

  // Infinite two's-complement semantics.
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  BigInt operator~() const;
  // Negative count -> ValueError ("negative shift count"); result too large -> Overflow.
  // Right shift floors (-1 >> 100 == -1).
  static NumError lshift(const BigInt& a, int64_t n, BigInt* out);
  static NumError rshift(const BigInt& a, int64_t n, BigInt* out);
  static NumError lshift(const BigInt& a, const BigInt& n, BigInt* out);
  static NumError rshift(const BigInt& a, const BigInt& n, BigInt* out);
  BigInt operator<<(uint64_t n) const;  // convenience, no limit check
  BigInt operator>>(uint64_t n) const;

  int compare(const BigInt& o) const;  // -1, 0, 1
  int compare(int64_t o) const;
  friend bool operator==(const BigInt& a, const BigInt& b) { return a.neg_ == b.neg_ && a.mag_ == b.mag_; }
  friend bool operator==(const BigInt& a, int64_t b) { return a.compare(b) == 0; }
  friend std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) { return a.compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(const BigInt& a, int64_t b) { return a.compare(b) <=> 0; }

 private:
  void trim();
  bool neg_ = false;
  std::vector<Limb> mag_;
};

}  // namespace minipy::rt
