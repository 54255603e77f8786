// Arbitrary-precision integers: see bigint.h.
#include "runtime/bigint.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

namespace minipy::rt {

namespace {

using Limb = BigInt::Limb;
using Mag = std::vector<Limb>;
constexpr int kLimbBits = 32;
constexpr size_t kKaratsubaThreshold = 40;  // limbs
constexpr size_t kDecLeafLimbs = 40;        // to_string leaf size
constexpr size_t kDecLeafDigits = 9 * 48;   // from_string leaf size (digits)
constexpr uint32_t kDecChunk = 1000000000u;  // 10^9

void trim_mag(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

size_t trimmed_len(const Limb* p, size_t n) {
  while (n > 0 && p[n - 1] == 0) --n;
  return n;
}

int cmp_mag(const Limb* a, size_t an, const Limb* b, size_t bn) {
  if (an != bn) return an < bn ? -1 : 1;
  for (size_t i = an; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
int cmp_mag(const Mag& a, const Mag& b) { return cmp_mag(a.data(), a.size(), b.data(), b.size()); }

Mag add_mag(const Limb* a, size_t an, const Limb* b, size_t bn) {
  if (an < bn) {
    std::swap(a, b);
    std::swap(an, bn);
  }
  Mag r(an + 1);
  uint64_t carry = 0;
  size_t i = 0;
  for (; i < bn; ++i) {
    uint64_t t = uint64_t{a[i]} + b[i] + carry;
    r[i] = static_cast<Limb>(t);
    carry = t >> 32;
  }
  for (; i < an; ++i) {
    uint64_t t = uint64_t{a[i]} + carry;
    r[i] = static_cast<Limb>(t);
    carry = t >> 32;
  }
  r[an] = static_cast<Limb>(carry);
  trim_mag(r);
  return r;
}
Mag add_mag(const Mag& a, const Mag& b) { return add_mag(a.data(), a.size(), b.data(), b.size()); }

// requires a >= b
Mag sub_mag(const Limb* a, size_t an, const Limb* b, size_t bn) {
  Mag r(an);
  uint64_t borrow = 0;
  size_t i = 0;
  for (; i < bn; ++i) {
    uint64_t t = uint64_t{a[i]} - b[i] - borrow;
    r[i] = static_cast<Limb>(t);
    borrow = t >> 63;
  }
  for (; i < an; ++i) {
    uint64_t t = uint64_t{a[i]} - borrow;
    r[i] = static_cast<Limb>(t);
    borrow = t >> 63;
  }
  trim_mag(r);
  return r;
}
Mag sub_mag(const Mag& a, const Mag& b) { return sub_mag(a.data(), a.size(), b.data(), b.size()); }

// dst[0..n) += src[0..m) with carry propagating into dst (m <= n); returns final carry.
Limb add_into(Limb* dst, size_t n, const Limb* src, size_t m) {
  uint64_t carry = 0;
  size_t i = 0;
  for (; i < m; ++i) {
    uint64_t t = uint64_t{dst[i]} + src[i] + carry;
    dst[i] = static_cast<Limb>(t);
    carry = t >> 32;
  }
  for (; carry && i < n; ++i) {
    uint64_t t = uint64_t{dst[i]} + carry;
    dst[i] = static_cast<Limb>(t);
    carry = t >> 32;
  }
  return static_cast<Limb>(carry);
}

// dst[0..n) -= src[0..m) (m <= n), returns borrow.
Limb sub_into(Limb* dst, size_t n, const Limb* src, size_t m) {
  uint64_t borrow = 0;
  size_t i = 0;
  for (; i < m; ++i) {
    uint64_t t = uint64_t{dst[i]} - src[i] - borrow;
    dst[i] = static_cast<Limb>(t);
    borrow = t >> 63;
  }
  for (; borrow && i < n; ++i) {
    uint64_t t = uint64_t{dst[i]} - borrow;
    dst[i] = static_cast<Limb>(t);
    borrow = t >> 63;
  }
  return static_cast<Limb>(borrow);
}

void mul_school(const Limb* a, size_t an, const Limb* b, size_t bn, Limb* out) {
  std::fill(out, out + an + bn, 0);
  for (size_t i = 0; i < an; ++i) {
    uint64_t ai = a[i];
    if (ai == 0) continue;
    uint64_t carry = 0;
    Limb* o = out + i;
    for (size_t j = 0; j < bn; ++j) {
      uint64_t t = ai * b[j] + o[j] + carry;
      o[j] = static_cast<Limb>(t);
      carry = t >> 32;
    }
    o[bn] = static_cast<Limb>(carry);
  }
}

void sqr_school(const Limb* a, size_t n, Limb* out) {
  // Off-diagonal products once, doubled, plus squares.
  std::fill(out, out + 2 * n, 0);
  for (size_t i = 0; i < n; ++i) {
    uint64_t ai = a[i];
    if (ai == 0) continue;
    uint64_t carry = 0;
    Limb* o = out + i;
    for (size_t j = i + 1; j < n; ++j) {
      uint64_t t = ai * a[j] + o[j] + carry;
      o[j] = static_cast<Limb>(t);
      carry = t >> 32;
    }
    o[n] = static_cast<Limb>(carry);
  }
  // double
  Limb top = 0;
  for (size_t i = 0; i < 2 * n; ++i) {
    Limb v = out[i];
    out[i] = (v << 1) | top;
    top = v >> 31;
  }
  uint64_t carry = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t sq = uint64_t{a[i]} * a[i];
    uint64_t t = uint64_t{out[2 * i]} + static_cast<Limb>(sq) + carry;
    out[2 * i] = static_cast<Limb>(t);
    t = uint64_t{out[2 * i + 1]} + (sq >> 32) + (t >> 32);
    out[2 * i + 1] = static_cast<Limb>(t);
    carry = t >> 32;
  }
}

// out[0..an+bn) = a*b. out must not alias a or b.
void mul_rec(const Limb* a, size_t an, const Limb* b, size_t bn, Limb* out) {
  if (an < bn) {
    std::swap(a, b);
    std::swap(an, bn);
  }
  if (bn < kKaratsubaThreshold) {
    if (a == b && an == bn)
      sqr_school(a, an, out);
    else
      mul_school(a, an, b, bn, out);
    return;
  }
  if (2 * bn <= an) {
    // Unbalanced: multiply bn-sized slices of a by b.
    std::fill(out, out + an + bn, 0);
    Mag tmp(2 * bn);
    for (size_t i = 0; i < an; i += bn) {
      size_t len = std::min(bn, an - i);
      mul_rec(a + i, len, b, bn, tmp.data());
      add_into(out + i, an + bn - i, tmp.data(), len + bn);
    }
    return;
  }
  const bool square = (a == b && an == bn);
  size_t h = an / 2;  // bn > h
  const Limb *a0 = a, *a1 = a + h, *b0 = b, *b1 = b + h;
  size_t a1n = an - h, b1n = bn - h;
  mul_rec(a0, h, b0, h, out);
  mul_rec(a1, a1n, b1, b1n, out + 2 * h);
  Mag sa = add_mag(a0, trimmed_len(a0, h), a1, a1n);
  Mag z1;
  if (square) {
    z1.assign(2 * sa.size() + 1, 0);
    if (!sa.empty()) mul_rec(sa.data(), sa.size(), sa.data(), sa.size(), z1.data());
  } else {
    Mag sb = add_mag(b0, trimmed_len(b0, h), b1, b1n);
    z1.assign(sa.size() + sb.size() + 1, 0);
    if (!sa.empty() && !sb.empty()) mul_rec(sa.data(), sa.size(), sb.data(), sb.size(), z1.data());
  }
  sub_into(z1.data(), z1.size(), out, trimmed_len(out, 2 * h));
  sub_into(z1.data(), z1.size(), out + 2 * h, trimmed_len(out + 2 * h, a1n + b1n));
  size_t zn = trimmed_len(z1.data(), z1.size());
  add_into(out + h, an + bn - h, z1.data(), zn);
}

Mag mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size());
  if (b.size() == 1 || a.size() == 1) {
    const Mag& big = a.size() == 1 ? b : a;
    uint64_t m = a.size() == 1 ? a[0] : b[0];
    uint64_t carry = 0;
    for (size_t i = 0; i < big.size(); ++i) {
      uint64_t t = m * big[i] + carry;
      r[i] = static_cast<Limb>(t);
      carry = t >> 32;
    }
    r[big.size()] = static_cast<Limb>(carry);
  } else {
    mul_rec(a.data(), a.size(), b.data(), b.size(), r.data());
  }
  trim_mag(r);
  return r;
}

// In place: m = m * mul + add
void mul_add_small(Mag& m, uint32_t mul, uint32_t add) {
  uint64_t carry = add;
  for (auto& limb : m) {
    uint64_t t = uint64_t{limb} * mul + carry;
    limb = static_cast<Limb>(t);
    carry = t >> 32;
  }
  if (carry) m.push_back(static_cast<Limb>(carry));
}

// In place: m /= d, returns remainder.
uint32_t div_small(Mag& m, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = m.size(); i-- > 0;) {
    uint64_t cur = (rem << 32) | m[i];
    m[i] = static_cast<Limb>(cur / d);
    rem = cur % d;
  }
  trim_mag(m);
  return static_cast<uint32_t>(rem);
}

// Knuth algorithm D. a, b trimmed, b nonzero. q, r may be null.
void divmod_mag(const Mag& a, const Mag& b, Mag* q, Mag* r) {
  if (cmp_mag(a, b) < 0) {
    if (q) q->clear();
    if (r) *r = a;
    return;
  }
  if (b.size() == 1) {
    Mag qq = a;
    uint32_t rem = div_small(qq, b[0]);
    if (q) *q = std::move(qq);
    if (r) {
      r->clear();
      if (rem) r->push_back(rem);
    }
    return;
  }
  const size_t n = a.size(), m = b.size();
  const int s = std::countl_zero(b.back());
  Mag v(m), u(n + 1);
  if (s) {
    for (size_t i = m - 1; i > 0; --i) v[i] = (b[i] << s) | (b[i - 1] >> (32 - s));
    v[0] = b[0] << s;
    u[n] = a[n - 1] >> (32 - s);
    for (size_t i = n - 1; i > 0; --i) u[i] = (a[i] << s) | (a[i - 1] >> (32 - s));
    u[0] = a[0] << s;
  } else {
    std::copy(b.begin(), b.end(), v.begin());
    std::copy(a.begin(), a.end(), u.begin());
    u[n] = 0;
  }
  Mag qq(n - m + 1);
  const uint64_t vtop = v[m - 1], vnext = v[m - 2];
  for (size_t j = n - m + 1; j-- > 0;) {
    uint64_t num = (uint64_t{u[j + m]} << 32) | u[j + m - 1];
    uint64_t qhat = num / vtop;
    uint64_t rhat = num % vtop;
    while (qhat >> 32 || qhat * vnext > ((rhat << 32) | u[j + m - 2])) {
      --qhat;
      rhat += vtop;
      if (rhat >> 32) break;
    }
    // u[j..j+m] -= qhat * v
    uint64_t carry = 0, borrow = 0;
    for (size_t i = 0; i < m; ++i) {
      uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      uint64_t t = uint64_t{u[i + j]} - static_cast<Limb>(p) - borrow;
      u[i + j] = static_cast<Limb>(t);
      borrow = t >> 63;
    }
    uint64_t t = uint64_t{u[j + m]} - carry - borrow;
    u[j + m] = static_cast<Limb>(t);
    if (t >> 63) {
      --qhat;
      uint64_t c = 0;
      for (size_t i = 0; i < m; ++i) {
        uint64_t x = uint64_t{u[i + j]} + v[i] + c;
        u[i + j] = static_cast<Limb>(x);
        c = x >> 32;
      }
      u[j + m] = static_cast<Limb>(uint64_t{u[j + m]} + c);
    }
    qq[j] = static_cast<Limb>(qhat);
  }
  if (q) {
    trim_mag(qq);
    *q = std::move(qq);
  }
  if (r) {
    r->assign(m, 0);
    if (s) {
      for (size_t i = 0; i < m; ++i) (*r)[i] = (u[i] >> s) | (i + 1 < m ? static_cast<Limb>(uint64_t{u[i + 1]} << (32 - s)) : 0);
    } else {
      std::copy(u.begin(), u.begin() + m, r->begin());
    }
    trim_mag(*r);
  }
}

Mag shl_mag(const Mag& a, uint64_t n) {
  if (a.empty()) return {};
  size_t limbs = n / 32;
  int bits = n % 32;
  Mag r(a.size() + limbs + 1, 0);
  if (bits == 0) {
    std::copy(a.begin(), a.end(), r.begin() + limbs);
  } else {
    Limb carry = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      r[i + limbs] = (a[i] << bits) | carry;
      carry = a[i] >> (32 - bits);
    }
    r[a.size() + limbs] = carry;
  }
  trim_mag(r);
  return r;
}

// Returns a >> n; *lost set if any 1 bits were shifted out.
Mag shr_mag(const Mag& a, uint64_t n, bool* lost) {
  size_t limbs = n / 32;
  int bits = n % 32;
  if (limbs >= a.size()) {
    if (lost) *lost = !a.empty();
    return {};
  }
  if (lost) {
    bool l = false;
    for (size_t i = 0; i < limbs && !l; ++i) l = a[i] != 0;
    if (!l && bits) l = (a[limbs] & ((Limb{1} << bits) - 1)) != 0;
    *lost = l;
  }
  Mag r(a.size() - limbs);
  if (bits == 0) {
    std::copy(a.begin() + limbs, a.end(), r.begin());
  } else {
    for (size_t i = 0; i < r.size(); ++i) {
      Limb lo = a[i + limbs] >> bits;
      Limb hi = (i + limbs + 1 < a.size()) ? (a[i + limbs + 1] << (32 - bits)) : 0;
      r[i] = lo | hi;
    }
  }
  trim_mag(r);
  return r;
}

uint64_t bitlen_mag(const Mag& a) {
  if (a.empty()) return 0;
  return (a.size() - 1) * uint64_t{32} + (32 - std::countl_zero(a.back()));
}

Mag mag_from_u64(uint64_t v) {
  Mag m;
  if (v) {
    m.push_back(static_cast<Limb>(v));
    if (v >> 32) m.push_back(static_cast<Limb>(v >> 32));
  }
  return m;
}

// Powers 10^(9*2^k) as magnitudes; grows on demand.
struct Pow10Table {
  std::vector<Mag> p;
  const Mag& get(size_t k) {
    if (p.empty()) p.push_back(Mag{kDecChunk});
    while (p.size() <= k) p.push_back(mul_mag(p.back(), p.back()));
    return p[k];
  }
};

void dec_leaf(Mag x, size_t width, std::string& out) {
  std::string digits;  // reversed
  while (!x.empty()) {
    uint32_t rem = div_small(x, kDecChunk);
    for (int i = 0; i < 9; ++i) {
      digits.push_back(static_cast<char>('0' + rem % 10));
      rem /= 10;
    }
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  if (digits.empty()) digits.push_back('0');
  if (width > digits.size()) out.append(width - digits.size(), '0');
  out.append(digits.rbegin(), digits.rend());
}

// width == 0: no padding (most significant part); otherwise exact zero-padded width.
void dec_rec(const Mag& x, size_t width, Pow10Table& pows, std::string& out) {
  if (x.size() <= kDecLeafLimbs) {
    if (x.empty() && width > 0) {
      out.append(width, '0');
      return;
    }
    dec_leaf(x, width, out);
    return;
  }
  size_t k = 0;
  while (2 * pows.get(k + 1).size() <= x.size() + 1) ++k;
  const Mag& p = pows.get(k);
  Mag q, r;
  divmod_mag(x, p, &q, &r);
  size_t low_width = size_t{9} << k;
  dec_rec(q, width ? width - low_width : 0, pows, out);
  dec_rec(r, low_width, pows, out);
}

// digits: pure ASCII decimal digits.
Mag dec_parse_leaf(std::string_view d) {
  Mag m;
  size_t i = 0;
  size_t first = d.size() % 9;
  if (first == 0) first = 9;
  while (i < d.size()) {
    size_t len = (i == 0) ? first : 9;
    uint32_t chunk = 0, mul = 1;
    for (size_t j = 0; j < len; ++j) {
      chunk = chunk * 10 + static_cast<uint32_t>(d[i + j] - '0');
      mul *= 10;
    }
    mul_add_small(m, mul, chunk);
    i += len;
  }
  trim_mag(m);
  return m;
}

Mag dec_parse_rec(std::string_view d, Pow10Table& pows) {
  if (d.size() <= kDecLeafDigits) return dec_parse_leaf(d);
  size_t k = 0;
  while ((size_t{9} << (k + 1)) < d.size()) ++k;
  size_t low = size_t{9} << k;  // low < d.size() <= 2*low
  Mag hi = dec_parse_rec(d.substr(0, d.size() - low), pows);
  Mag lo = dec_parse_rec(d.substr(d.size() - low), pows);
  Mag r = mul_mag(hi, pows.get(k));
  if (!lo.empty()) r = add_mag(r, lo);
  return r;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Length in bytes of a whitespace character at s[i] (ASCII or UTF-8 encoded Unicode
// White_Space), 0 if none.
size_t space_len(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c < 0x80) return 0;
  auto at = [&](size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  if (c == 0xc2 && (at(1) == 0x85 || at(1) == 0xa0)) return 2;
  if (c == 0xe1 && at(1) == 0x9a && at(2) == 0x80) return 3;  // U+1680
  if (c == 0xe2 && at(1) == 0x80) {
    unsigned d = at(2);
    if ((d >= 0x80 && d <= 0x8a) || d == 0xa8 || d == 0xa9 || d == 0xaf) return 3;
  }
  if (c == 0xe2 && at(1) == 0x81 && at(2) == 0x9f) return 3;  // U+205F
  if (c == 0xe3 && at(1) == 0x80 && at(2) == 0x80) return 3;  // U+3000
  return 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------

BigInt::BigInt(int64_t v) {
  if (v < 0) {
    neg_ = true;
    mag_ = mag_from_u64(uint64_t{0} - static_cast<uint64_t>(v));
  } else {
    mag_ = mag_from_u64(static_cast<uint64_t>(v));
  }
}

BigInt BigInt::from_uint64(uint64_t v) {
  BigInt r;
  r.mag_ = mag_from_u64(v);
  return r;
}

BigInt BigInt::from_limbs(bool negative, std::vector<Limb> magnitude) {
  BigInt r;
  r.mag_ = std::move(magnitude);
  r.neg_ = negative;
  r.trim();
  return r;
}

void BigInt::trim() {
  trim_mag(mag_);
  if (mag_.empty()) neg_ = false;
}

NumError BigInt::from_double(double d, BigInt* out) {
  if (std::isnan(d)) return NumError::ValueError;
  if (std::isinf(d)) return NumError::Overflow;
  int e;
  double m = std::frexp(std::fabs(d), &e);  // |d| = m * 2^e, m in [0.5, 1)
  BigInt r;
  if (e > 0) {
    uint64_t mant = static_cast<uint64_t>(std::ldexp(m, 53));
    if (e >= 53) {
      r.mag_ = shl_mag(mag_from_u64(mant), static_cast<uint64_t>(e - 53));
    } else {
      r.mag_ = mag_from_u64(mant >> (53 - e));
    }
    r.neg_ = d < 0;
    r.trim();
  }
  *out = std::move(r);
  return NumError::Ok;
}

std::optional<BigInt> BigInt::from_string(std::string_view s, int base) {
  if (base != 0 && (base < 2 || base > 36)) return std::nullopt;
  size_t i = 0, n = s.size();
  while (i < n) {
    size_t l = space_len(s, i);
    if (!l) break;
    i += l;
  }
  // trailing whitespace
  while (n > i) {
    // find whitespace ending at n: check 1, 2, 3 byte forms
    size_t l = 0;
    for (size_t k = 1; k <= 3 && k <= n - i; ++k) {
      if (space_len(s, n - k) == k) {
        l = k;
        break;
      }
    }
    if (!l) break;
    n -= l;
  }
  bool neg = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  auto ch = [&](size_t k) -> char { return k < n ? s[k] : '\0'; };
  bool error_if_nonzero = false;
  if (base == 0) {
    if (ch(i) != '0') {
      base = 10;
    } else {
      char c = ch(i + 1);
      if (c == 'x' || c == 'X')
        base = 16;
      else if (c == 'o' || c == 'O')
        base = 8;
      else if (c == 'b' || c == 'B')
        base = 2;
      else {
        error_if_nonzero = true;
        base = 10;
      }
    }
  }
  if (ch(i) == '0') {
    char c = ch(i + 1);
    if ((base == 16 && (c == 'x' || c == 'X')) || (base == 8 && (c == 'o' || c == 'O')) ||
        (base == 2 && (c == 'b' || c == 'B'))) {
      i += 2;
      if (ch(i) == '_') ++i;
    }
  }
  if (ch(i) == '_') return std::nullopt;
  // Collect digits, validating underscores.
  std::string digits;
  digits.reserve(n - i);
  char prev = 0;
  for (; i < n; ++i) {
    char c = s[i];
    if (c == '_') {
      if (prev == '_') return std::nullopt;
    } else {
      int v = digit_value(c);
      if (v >= base) return std::nullopt;
      digits.push_back(c);
    }
    prev = c;
  }
  if (prev == '_' || digits.empty()) return std::nullopt;

  BigInt r;
  if (base == 10) {
    Pow10Table pows;
    r.mag_ = dec_parse_rec(digits, pows);
  } else if ((base & (base - 1)) == 0) {
    int bits = std::countr_zero(static_cast<unsigned>(base));
    size_t total = digits.size() * bits;
    r.mag_.assign((total + 31) / 32, 0);
    size_t pos = 0;
    for (size_t k = digits.size(); k-- > 0;) {
      uint64_t v = static_cast<uint64_t>(digit_value(digits[k]));
      size_t li = pos / 32, bi = pos % 32;
      r.mag_[li] |= static_cast<Limb>(v << bi);
      if (bi + bits > 32) r.mag_[li + 1] |= static_cast<Limb>(v >> (32 - bi));
      pos += bits;
    }
  } else {
    // chunk: largest power of base fitting in 32 bits
    uint32_t chunk_digits = 0;
    uint64_t pw = 1;
    while (pw * base <= 0xffffffffull) {
      pw *= base;
      ++chunk_digits;
    }
    size_t k = 0;
    while (k < digits.size()) {
      size_t len = std::min<size_t>(chunk_digits, digits.size() - k);
      uint32_t chunk = 0, mul = 1;
      for (size_t j = 0; j < len; ++j) {
        chunk = chunk * base + digit_value(digits[k + j]);
        mul *= base;
      }
      mul_add_small(r.mag_, mul, chunk);
      k += len;
    }
  }
  trim_mag(r.mag_);
  if (error_if_nonzero && !r.mag_.empty()) return std::nullopt;
  r.neg_ = neg;
  r.trim();
  return r;
}

BigInt BigInt::from_bytes(const uint8_t* data, size_t n, bool little_endian, bool is_signed) {
  BigInt r;
  r.mag_.assign((n + 3) / 4, 0);
  for (size_t k = 0; k < n; ++k) {
    uint8_t b = little_endian ? data[k] : data[n - 1 - k];
    r.mag_[k / 4] |= Limb{b} << (8 * (k % 4));
  }
  bool negative = is_signed && n > 0 && ((little_endian ? data[n - 1] : data[0]) & 0x80);
  if (negative) {
    // value - 2^(8n)
    BigInt full;
    full.mag_ = shl_mag(Mag{1}, uint64_t{8} * n);
    r.trim();
    return r - full;
  }
  r.trim();
  return r;
}

NumError BigInt::to_bytes(size_t length, bool little_endian, bool is_signed, std::string* out) const {
  if (neg_ && !is_signed) return NumError::Overflow;
  // two's complement over `length` bytes
  const Mag& m = mag_;
  uint64_t bits = bitlen_mag(m);
  uint64_t cap = uint64_t{8} * length;
  if (!neg_) {
    if (bits != 0 && bits + (is_signed ? 1 : 0) > cap) return NumError::Overflow;
  } else {
    // need |x| <= 2^(cap-1)
    if (bits > cap) return NumError::Overflow;
    if (bits == cap) {
      bool pow2 = std::has_single_bit(m.back());
      for (size_t k = 0; k + 1 < m.size(); ++k) pow2 = pow2 && m[k] == 0;
      if (!pow2) return NumError::Overflow;
    }
  }
  std::string bytes(length, '\0');
  for (size_t k = 0; k < length; ++k) {
    Limb l = k / 4 < m.size() ? m[k / 4] : 0;
    bytes[k] = static_cast<char>((l >> (8 * (k % 4))) & 0xff);
  }
  if (neg_) {
    unsigned carry = 1;
    for (size_t k = 0; k < length; ++k) {
      unsigned v = (static_cast<unsigned char>(bytes[k]) ^ 0xffu) + carry;
      bytes[k] = static_cast<char>(v & 0xff);
      carry = v >> 8;
    }
  }
  if (!little_endian) std::reverse(bytes.begin(), bytes.end());
  *out = std::move(bytes);
  return NumError::Ok;
}

bool BigInt::fits_int64() const {
  if (mag_.size() <= 1) return true;
  if (mag_.size() > 2) return false;
  uint64_t v = (uint64_t{mag_[1]} << 32) | mag_[0];
  return neg_ ? v <= (uint64_t{1} << 63) : v < (uint64_t{1} << 63);
}

int64_t BigInt::to_int64() const {
  uint64_t v = 0;
  if (!mag_.empty()) v = mag_[0];
  if (mag_.size() > 1) v |= uint64_t{mag_[1]} << 32;
  return neg_ ? static_cast<int64_t>(uint64_t{0} - v) : static_cast<int64_t>(v);
}

namespace {
// Top 64 bits of a (left-aligned so bit 63 is set) with a sticky bit for the rest;
// returns the shift such that |a| ~= top * 2^shift.
uint64_t top64_sticky(const Mag& a, int64_t* shift) {
  uint64_t bits = bitlen_mag(a);
  if (bits <= 64) {
    uint64_t v = a[0];
    if (a.size() > 1) v |= uint64_t{a[1]} << 32;
    *shift = 0;
    return v;
  }
  uint64_t sh = bits - 64;
  bool lost = false;
  Mag t = shr_mag(a, sh, &lost);
  uint64_t v = t[0] | (uint64_t{t[1]} << 32);
  if (lost) v |= 1;
  *shift = static_cast<int64_t>(sh);
  return v;
}
}  // namespace

double BigInt::to_double(bool* overflow) const {
  if (overflow) *overflow = false;
  if (mag_.empty()) return 0.0;
  uint64_t bits = bitlen_mag(mag_);
  if (bits > 1024) {
    if (overflow) *overflow = true;
    return neg_ ? -HUGE_VAL : HUGE_VAL;
  }
  int64_t shift;
  uint64_t top = top64_sticky(mag_, &shift);
  double d = std::ldexp(static_cast<double>(top), static_cast<int>(shift));
  if (std::isinf(d) && overflow) *overflow = true;
  return neg_ ? -d : d;
}

double BigInt::frexp(int64_t* exp) const {
  if (mag_.empty()) {
    *exp = 0;
    return 0.0;
  }
  int64_t shift;
  uint64_t top = top64_sticky(mag_, &shift);
  int e;
  double m = std::frexp(static_cast<double>(top), &e);  // rounding may give m == 1.0? no: frexp normalizes
  *exp = shift + e;
  return neg_ ? -m : m;
}

std::string BigInt::to_string(int base) const {
  if (base < 2 || base > 36) base = 10;
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  if (mag_.empty()) return "0";
  if (neg_) out.push_back('-');
  if (base == 10) {
    Pow10Table pows;
    dec_rec(mag_, 0, pows, out);
    return out;
  }
  std::string digits;  // reversed
  if ((base & (base - 1)) == 0) {
    int bits = std::countr_zero(static_cast<unsigned>(base));
    uint64_t total = bitlen_mag(mag_);
    for (uint64_t pos = 0; pos < total; pos += bits) {
      size_t li = pos / 32, bi = pos % 32;
      uint64_t v = mag_[li] >> bi;
      if (bi + bits > 32 && li + 1 < mag_.size()) v |= uint64_t{mag_[li + 1]} << (32 - bi);
      digits.push_back(kDigits[v & (base - 1)]);
    }
  } else {
    uint32_t chunk_digits = 0;
    uint64_t pw = 1;
    while (pw * base <= 0xffffffffull) {
      pw *= base;
      ++chunk_digits;
    }
    Mag x = mag_;
    while (!x.empty()) {
      uint32_t rem = div_small(x, static_cast<uint32_t>(pw));
      for (uint32_t j = 0; j < chunk_digits; ++j) {
        digits.push_back(kDigits[rem % base]);
        rem /= base;
      }
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  }
  out.append(digits.rbegin(), digits.rend());
  return out;
}

uint64_t BigInt::bit_length() const { return bitlen_mag(mag_); }

uint64_t BigInt::bit_count() const {
  uint64_t c = 0;
  for (Limb l : mag_) c += std::popcount(l);
  return c;
}

int64_t BigInt::hash() const {
  constexpr uint64_t kP = (uint64_t{1} << 61) - 1;
  uint64_t h = 0;
  for (size_t i = mag_.size(); i-- > 0;) {
    h = ((h << 32) & kP) | (h >> 29);  // h * 2^32 mod P
    h += mag_[i];
    if (h >= kP) h -= kP;
  }
  int64_t r = static_cast<int64_t>(h);
  if (neg_) r = -r;
  if (r == -1) r = -2;
  return r;
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  if (!r.mag_.empty()) r.neg_ = !r.neg_;
  return r;
}

BigInt BigInt::abs() const {
  BigInt r = *this;
  r.neg_ = false;
  return r;
}

namespace {
BigInt make(bool neg, Mag m) { return BigInt::from_limbs(neg, std::move(m)); }

BigInt add_signed(const BigInt& a, bool bneg, const BigInt& b) {
  const Mag& am = a.magnitude();
  const Mag& bm = b.magnitude();
  if (a.is_negative() == bneg) return make(bneg, add_mag(am, bm));
  int c = cmp_mag(am, bm);
  if (c == 0) return BigInt();
  if (c > 0) return make(a.is_negative(), sub_mag(am, bm));
  return make(bneg, sub_mag(bm, am));
}
}  // namespace

BigInt operator+(const BigInt& a, const BigInt& b) { return add_signed(a, b.neg_, b); }
BigInt operator-(const BigInt& a, const BigInt& b) { return add_signed(a, !b.neg_ && !b.is_zero(), b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  return make(a.neg_ != b.neg_, mul_mag(a.mag_, b.mag_));
}

NumError BigInt::divmod_trunc(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r) {
  if (b.is_zero()) return NumError::ZeroDivision;
  Mag qm, rm;
  divmod_mag(a.mag_, b.mag_, q ? &qm : nullptr, r ? &rm : nullptr);
  if (q) *q = make(a.neg_ != b.neg_, std::move(qm));
  if (r) *r = make(a.neg_, std::move(rm));
  return NumError::Ok;
}

NumError BigInt::divmod(const BigInt& a, const BigInt& b, BigInt* q, BigInt* r) {
  if (b.is_zero()) return NumError::ZeroDivision;
  Mag qm, rm;
  divmod_mag(a.mag_, b.mag_, q ? &qm : nullptr, &rm);
  bool diff = a.neg_ != b.neg_;
  if (diff && !rm.empty()) {
    if (q) {
      Mag one{1};
      qm = add_mag(qm, one);
    }
    rm = sub_mag(b.mag_, rm);
  }
  if (q) *q = make(diff, std::move(qm));
  if (r) *r = make(b.neg_, std::move(rm));
  return NumError::Ok;
}

BigInt BigInt::pow(const BigInt& a, uint64_t e) {
  if (e == 0) return BigInt(1);
  if (a.is_zero()) return BigInt();
  bool neg = a.neg_ && (e & 1);
  if (a.mag_.size() == 1 && a.mag_[0] == 1) return BigInt(neg ? -1 : 1);
  // power of two: shift
  if (a.mag_.size() == 1 && std::has_single_bit(a.mag_[0])) {
    BigInt r;
    r.mag_ = shl_mag(Mag{1}, e * std::countr_zero(a.mag_[0]));
    r.neg_ = neg;
    return r;
  }
  Mag result = a.mag_;
  int top = 63 - std::countl_zero(e);
  for (int bit = top - 1; bit >= 0; --bit) {
    result = mul_mag(result, result);
    if ((e >> bit) & 1) result = mul_mag(result, a.mag_);
  }
  return make(neg, std::move(result));
}

NumError BigInt::pow(const BigInt& a, const BigInt& e, BigInt* out) {
  if (e.neg_) return NumError::ValueError;
  if (e.is_zero()) {
    *out = BigInt(1);
    return NumError::Ok;
  }
  if (a.is_zero() || (a.mag_.size() == 1 && a.mag_[0] == 1)) {
    *out = pow(a, static_cast<uint64_t>(e.is_odd() ? 1 : 2));
    return NumError::Ok;
  }
  if (e.mag_.size() > 2) return NumError::Overflow;
  uint64_t ev = static_cast<uint64_t>(e.to_int64());
  if (e.mag_.size() == 2) ev = (uint64_t{e.mag_[1]} << 32) | e.mag_[0];
  uint64_t abits = bitlen_mag(a.mag_) - 1;  // lower bound of log2|a|
  if (ev > kMaxBits / abits) return NumError::Overflow;  // |a| >= 2 here, so abits >= 1
  *out = pow(a, ev);
  return NumError::Ok;
}

namespace {
// Modular inverse of a modulo m (m > 0, 0 <= a < m); false when gcd != 1.
bool mod_inverse(const BigInt& a, const BigInt& m, BigInt* out) {
  BigInt r0 = m, r1 = a, t0 = 0, t1 = 1;
  while (!r1.is_zero()) {
    BigInt q, r;
    BigInt::divmod(r0, r1, &q, &r);
    r0 = std::move(r1);
    r1 = std::move(r);
    BigInt t = t0 - q * t1;
    t0 = std::move(t1);
    t1 = std::move(t);
  }
  if (!(r0 == 1)) return false;
  BigInt::mod(t0, m, out);
  return true;
}
}  // namespace

NumError BigInt::pow_mod(const BigInt& a, const BigInt& e, const BigInt& m, BigInt* out) {
  if (m.is_zero()) return NumError::ValueError;
  BigInt mod = m.abs();
  BigInt base;
  BigInt::mod(a, mod, &base);
  BigInt exp = e;
  if (e.neg_) {
    BigInt inv;
    if (!mod_inverse(base, mod, &inv)) {
      if (mod == 1) {  // everything is invertible mod 1
        inv = 0;
      } else {
        return NumError::ValueError;
      }
    }
    base = std::move(inv);
    exp = -e;
  }
  BigInt result = 1;
  if (mod == 1) result = 0;
  const Mag& em = exp.mag_;
  if (!(mod == 1)) {
    for (size_t li = em.size(); li-- > 0;) {
      for (int bit = 31; bit >= 0; --bit) {
        BigInt sq = result * result;
        BigInt::mod(sq, mod, &result);
        if ((em[li] >> bit) & 1) {
          BigInt t = result * base;
          BigInt::mod(t, mod, &result);
        }
      }
    }
  }
  if (m.neg_ && !result.is_zero()) result = result - mod;
  *out = std::move(result);
  return NumError::Ok;
}

NumError BigInt::true_divide(const BigInt& a, const BigInt& b, double* out) {
  constexpr int kMantDig = 53, kMinExp = -1021, kMaxExp = 1024;
  if (b.is_zero()) return NumError::ZeroDivision;
  bool negate = a.neg_ != b.neg_;
  if (a.is_zero()) {
    *out = negate ? -0.0 : 0.0;
    return NumError::Ok;
  }
  int64_t a_bits = static_cast<int64_t>(bitlen_mag(a.mag_));
  int64_t b_bits = static_cast<int64_t>(bitlen_mag(b.mag_));
  if (a_bits <= kMantDig && b_bits <= kMantDig) {
    double da = static_cast<double>(a.abs().to_int64());
    double db = static_cast<double>(b.abs().to_int64());
    double r = da / db;
    *out = negate ? -r : r;
    return NumError::Ok;
  }
  int64_t diff = a_bits - b_bits;
  if (diff > kMaxExp) return NumError::Overflow;
  if (diff < kMinExp - kMantDig - 1) {
    *out = negate ? -0.0 : 0.0;
    return NumError::Ok;
  }
  int64_t shift = std::max<int64_t>(diff, kMinExp) - kMantDig - 2;
  bool inexact = false;
  Mag x;
  if (shift <= 0)
    x = shl_mag(a.mag_, static_cast<uint64_t>(-shift));
  else
    x = shr_mag(a.mag_, static_cast<uint64_t>(shift), &inexact);
  Mag q, r;
  divmod_mag(x, b.mag_, &q, &r);
  if (!r.empty()) inexact = true;
  int64_t q_bits = static_cast<int64_t>(bitlen_mag(q));
  uint64_t qv = q.empty() ? 0 : q[0];
  if (q.size() > 1) qv |= uint64_t{q[1]} << 32;
  int64_t extra = std::max<int64_t>(q_bits, kMinExp - shift) - kMantDig;
  uint64_t mask = uint64_t{1} << (extra - 1);
  uint64_t low = qv | (inexact ? 1 : 0);
  if ((low & mask) && (low & (3 * mask - 1))) low += mask;
  qv = low & ~(2 * mask - 1);
  double dx = static_cast<double>(qv);
  if (shift + q_bits >= kMaxExp &&
      (shift + q_bits > kMaxExp || dx == std::ldexp(1.0, static_cast<int>(q_bits))))
    return NumError::Overflow;
  double res = std::ldexp(dx, static_cast<int>(shift));
  *out = negate ? -res : res;
  return NumError::Ok;
}

BigInt BigInt::gcd(const BigInt& a, const BigInt& b) {
  Mag x = a.mag_, y = b.mag_;
  while (!y.empty()) {
    if (x.size() <= 2 && y.size() <= 2) {
      auto to64 = [](const Mag& m) {
        uint64_t v = m.empty() ? 0 : m[0];
        if (m.size() > 1) v |= uint64_t{m[1]} << 32;
        return v;
      };
      uint64_t u = to64(x), v = to64(y);
      while (v) {
        uint64_t t = u % v;
        u = v;
        v = t;
      }
      return BigInt::from_uint64(u);
    }
    Mag r;
    divmod_mag(x, y, nullptr, &r);
    x = std::move(y);
    y = std::move(r);
  }
  return make(false, std::move(x));
}

namespace {
// Two's complement of x in n limbs (n > x.size()).
Mag to_twos(const BigInt& x, size_t n) {
  Mag t(n, 0);
  const Mag& m = x.magnitude();
  std::copy(m.begin(), m.end(), t.begin());
  if (x.is_negative()) {
    uint64_t carry = 1;
    for (auto& l : t) {
      uint64_t v = uint64_t{static_cast<Limb>(~l)} + carry;
      l = static_cast<Limb>(v);
      carry = v >> 32;
    }
  }
  return t;
}
BigInt from_twos(Mag t) {
  bool neg = !t.empty() && (t.back() >> 31);
  if (neg) {
    uint64_t carry = 1;
    for (auto& l : t) {
      uint64_t v = uint64_t{static_cast<Limb>(~l)} + carry;
      l = static_cast<Limb>(v);
      carry = v >> 32;
    }
  }
  return BigInt::from_limbs(neg, std::move(t));
}
template <typename Op>
BigInt bitwise(const BigInt& a, const BigInt& b, Op op) {
  size_t n = std::max(a.magnitude().size(), b.magnitude().size()) + 1;
  Mag x = to_twos(a, n), y = to_twos(b, n);
  for (size_t i = 0; i < n; ++i) x[i] = op(x[i], y[i]);
  return from_twos(std::move(x));
}
}  // namespace

BigInt operator&(const BigInt& a, const BigInt& b) {
  if (!a.neg_ && !b.neg_) {
    size_t n = std::min(a.mag_.size(), b.mag_.size());
    Mag r(n);
    for (size_t i = 0; i < n; ++i) r[i] = a.mag_[i] & b.mag_[i];
    return make(false, std::move(r));
  }
  return bitwise(a, b, [](Limb x, Limb y) { return x & y; });
}
BigInt operator|(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](Limb x, Limb y) { return x | y; });
}
BigInt operator^(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](Limb x, Limb y) { return x ^ y; });
}
BigInt BigInt::operator~() const { return -(*this + BigInt(1)); }

BigInt BigInt::operator<<(uint64_t n) const { return make(neg_, shl_mag(mag_, n)); }

BigInt BigInt::operator>>(uint64_t n) const {
  bool lost = false;
  Mag r = shr_mag(mag_, n, neg_ ? &lost : nullptr);
  if (neg_ && lost) r = add_mag(r, Mag{1});
  return make(neg_, std::move(r));
}

NumError BigInt::lshift(const BigInt& a, int64_t n, BigInt* out) {
  if (n < 0) return NumError::ValueError;
  if (a.is_zero()) {
    *out = BigInt();
    return NumError::Ok;
  }
  if (static_cast<uint64_t>(n) > kMaxBits || bitlen_mag(a.mag_) + static_cast<uint64_t>(n) > kMaxBits)
    return NumError::Overflow;
  *out = a << static_cast<uint64_t>(n);
  return NumError::Ok;
}

NumError BigInt::rshift(const BigInt& a, int64_t n, BigInt* out) {
  if (n < 0) return NumError::ValueError;
  *out = a >> static_cast<uint64_t>(n);
  return NumError::Ok;
}

NumError BigInt::lshift(const BigInt& a, const BigInt& n, BigInt* out) {
  if (n.neg_) return NumError::ValueError;
  if (!n.fits_int64()) {
    if (a.is_zero()) {
      *out = BigInt();
      return NumError::Ok;
    }
    return NumError::Overflow;
  }
  return lshift(a, n.to_int64(), out);
}

NumError BigInt::rshift(const BigInt& a, const BigInt& n, BigInt* out) {
  if (n.neg_) return NumError::ValueError;
  if (!n.fits_int64()) {
    *out = a.neg_ ? BigInt(-1) : BigInt();
    return NumError::Ok;
  }
  return rshift(a, n.to_int64(), out);
}

int BigInt::compare(const BigInt& o) const {
  if (neg_ != o.neg_) return neg_ ? -1 : 1;
  int c = cmp_mag(mag_, o.mag_);
  return neg_ ? -c : c;
}

int BigInt::compare(int64_t o) const {
  bool oneg = o < 0;
  if (neg_ != oneg) return neg_ ? -1 : 1;
  if (mag_.size() > 2) return neg_ ? -1 : 1;
  uint64_t v = mag_.empty() ? 0 : mag_[0];
  if (mag_.size() > 1) v |= uint64_t{mag_[1]} << 32;
  uint64_t ov = oneg ? uint64_t{0} - static_cast<uint64_t>(o) : static_cast<uint64_t>(o);
  int c = v < ov ? -1 : (v > ov ? 1 : 0);
  return neg_ ? -c : c;
}

}  // namespace minipy::rt
