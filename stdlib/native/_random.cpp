// _random: the Mersenne Twister core of the random module, bit-for-bit CPython's
// (Modules/_randommodule.c: init_genrand/init_by_array seeding, genrand_res53 floats,
// getrandbits), so seeded sequences equal CPython's. random.py (stdlib/lib) builds the
// distributions on top, as CPython's Lib/random.py does.
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr int kN = 624;
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;

struct RandomObject : Object {
  DictObject* dict = nullptr;  // __dict__ of random.Random (a Python subclass) instances
  int index = kN + 1;
  uint32_t state[kN];
};

TypeObject random_type;

RandomObject* as_random(Value v) { return static_cast<RandomObject*>(v.obj()); }

uint32_t genrand_uint32(RandomObject* self) {
  static const uint32_t mag01[2] = {0x0U, kMatrixA};
  uint32_t* mt = self->state;
  uint32_t y;
  if (self->index >= kN) {
    int kk;
    for (kk = 0; kk < kN - kM; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + kM] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    for (; kk < kN - 1; kk++) {
      y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
      mt[kk] = mt[kk + (kM - kN)] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    y = (mt[kN - 1] & kUpperMask) | (mt[0] & kLowerMask);
    mt[kN - 1] = mt[kM - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
    self->index = 0;
  }
  y = mt[self->index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

void init_genrand(RandomObject* self, uint32_t s) {
  uint32_t* mt = self->state;
  mt[0] = s;
  for (int i = 1; i < kN; i++) mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + static_cast<uint32_t>(i);
  self->index = kN;
}

void init_by_array(RandomObject* self, const uint32_t* key, size_t key_length) {
  uint32_t* mt = self->state;
  init_genrand(self, 19650218U);
  size_t i = 1, j = 0;
  size_t k = kN > key_length ? kN : key_length;
  for (; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<uint32_t>(j);
    i++;
    j++;
    if (i >= kN) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
    if (j >= key_length) j = 0;
  }
  for (k = kN - 1; k; k--) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - static_cast<uint32_t>(i);
    i++;
    if (i >= kN) {
      mt[0] = mt[kN - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000U;  // MSB is 1, assuring a non-zero initial array
}

/// Seeds from the OS (urandom), falling back to time and pid like CPython.
void seed_from_os(RandomObject* self) {
  uint32_t key[kN];
  bool ok = false;
  int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ok = ::read(fd, key, sizeof(key)) == static_cast<ssize_t>(sizeof(key));
    ::close(fd);
  }
  if (!ok) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] = static_cast<uint32_t>(ts.tv_sec);
    key[1] = static_cast<uint32_t>(ts.tv_nsec);
    key[2] = static_cast<uint32_t>(getpid());
    clock_gettime(CLOCK_MONOTONIC, &ts);
    key[3] = static_cast<uint32_t>(ts.tv_nsec);
    init_by_array(self, key, 4);
    return;
  }
  init_by_array(self, key, kN);
}

/// CPython's random_seed: None -> OS entropy; int -> abs(n); anything else -> hash(arg).
bool seed_with(RandomObject* self, Value arg) {
  if (!arg || is_none(arg)) {
    seed_from_os(self);
    return true;
  }
  BigInt n;
  if (is_int(arg)) {
    n = int_to_bigint(arg).abs();
  } else {
    int64_t h;
    if (!hash(arg, &h)) return false;
    n = BigInt(h).abs();
  }
  // The key is abs(n) as little-endian 32-bit words (at least one word).
  std::vector<uint32_t> key(n.magnitude().begin(), n.magnitude().end());
  if (key.empty()) key.push_back(0);
  init_by_array(self, key.data(), key.size());
  return true;
}

// SHA-512 (FIPS 180-4), only for Random.seed(str) as CPython 3.11 hashes string seeds.
std::string sha512(std::string_view msg) {
  static const uint64_t kK[80] = {
      0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
      0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
      0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
      0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
      0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
      0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
      0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
      0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
      0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
      0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
      0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
      0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
      0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
      0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
      0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
      0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};
  uint64_t h[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                   0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  std::string m(msg);
  uint64_t bitlen = static_cast<uint64_t>(msg.size()) * 8;
  m.push_back(static_cast<char>(0x80));
  while (m.size() % 128 != 112) m.push_back('\0');
  m.append(8, '\0');  // high 64 bits of the 128-bit length
  for (int i = 7; i >= 0; i--) m.push_back(static_cast<char>(bitlen >> (i * 8)));
  auto rotr = [](uint64_t x, int n) { return (x >> n) | (x << (64 - n)); };
  for (size_t off = 0; off < m.size(); off += 128) {
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
      w[i] = 0;
      for (int j = 0; j < 8; j++) w[i] = (w[i] << 8) | static_cast<uint8_t>(m[off + i * 8 + j]);
    }
    for (int i = 16; i < 80; i++) {
      uint64_t s0 = rotr(w[i - 15], 1) ^ rotr(w[i - 15], 8) ^ (w[i - 15] >> 7);
      uint64_t s1 = rotr(w[i - 2], 19) ^ rotr(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
      uint64_t t1 = hh + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + ((e & f) ^ (~e & g)) + kK[i] + w[i];
      uint64_t t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  std::string out;
  for (uint64_t x : h) {
    for (int i = 7; i >= 0; i--) out.push_back(static_cast<char>(x >> (i * 8)));
  }
  return out;
}

Ref random_sha512(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("_sha512", nargs, kw, 1, 1)) return Ref();
  std::string_view data;
  if (!bytes_like_data(args[0], &data)) return raise(&exc_TypeError, "_sha512() argument must be bytes");
  return bytes_new(sha512(data));
}

#define RANDOM_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

RANDOM_FN(random_seed) {
  if (!check_nargs("seed", nargs, kw, 0, 1)) return Ref();
  if (!seed_with(as_random(self), nargs ? args[0] : Value())) return Ref();
  return none_ref();
}

RANDOM_FN(random_random) {
  if (!check_nargs("random", nargs, kw, 0, 0)) return Ref();
  RandomObject* r = as_random(self);
  uint32_t a = genrand_uint32(r) >> 5, b = genrand_uint32(r) >> 6;
  return float_new((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

RANDOM_FN(random_getrandbits) {
  if (!check_nargs("getrandbits", nargs, kw, 1, 1)) return Ref();
  if (!is_int(args[0])) {
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(args[0]));
  }
  int64_t k;
  if (!int_to_int64(args[0], &k)) return Ref();
  if (k < 0) return raise(&exc_ValueError, "number of bits must be non-negative");
  RandomObject* r = as_random(self);
  if (k == 0) return Ref::small(0);
  if (k <= 32) return int_from_int64(genrand_uint32(r) >> (32 - k));
  // Fill whole 32-bit words little-endian; the last word keeps only its top bits.
  size_t words = static_cast<size_t>((k - 1) / 32 + 1);
  std::vector<uint32_t> limbs(words);
  for (size_t i = 0; i < words; i++, k -= 32) {
    uint32_t w = genrand_uint32(r);
    if (k < 32) w >>= (32 - k);
    limbs[i] = w;
  }
  return int_from_bigint(BigInt::from_limbs(false, std::move(limbs)));
}

RANDOM_FN(random_getstate) {
  if (!check_nargs("getstate", nargs, kw, 0, 0)) return Ref();
  RandomObject* r = as_random(self);
  Ref t = tuple_new(kN + 1);
  for (int i = 0; i < kN; i++) tuple_set_steal(as_tuple(t.get()), i, int_from_int64(r->state[i]).release());
  tuple_set_steal(as_tuple(t.get()), kN, Value::from_small(r->index));
  return t;
}

RANDOM_FN(random_setstate) {
  if (!check_nargs("setstate", nargs, kw, 1, 1)) return Ref();
  if (!is_tuple(args[0])) return raise(&exc_TypeError, "state vector must be a tuple");
  TupleObject* t = as_tuple(args[0]);
  if (t->size != kN + 1) return raise(&exc_ValueError, "state vector is the wrong size");
  uint32_t st[kN];
  for (int i = 0; i < kN; i++) {
    int64_t w;
    if (!is_int(t->at(i)) || !int_to_int64(t->at(i), &w) || w < 0 || w > 0xFFFFFFFFLL) {
      if (!error_pending()) raise(&exc_OverflowError, "Python int too large to convert to C unsigned long");
      return Ref();
    }
    st[i] = static_cast<uint32_t>(w);
  }
  int64_t index;
  if (!is_int(t->at(kN)) || !int_to_int64(t->at(kN), &index)) {
    if (!error_pending()) raise(&exc_TypeError, "an integer is required");
    return Ref();
  }
  if (index < 0 || index > kN) return raise(&exc_ValueError, "invalid state");
  RandomObject* r = as_random(self);
  for (int i = 0; i < kN; i++) r->state[i] = st[i];
  r->index = static_cast<int>(index);
  return none_ref();
}

Ref random_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* r = alloc_instance<RandomObject>(type);
  seed_from_os(r);
  return Ref::steal(Value(r));
}

bool random_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("Random", nargs, kw, 0, 1)) return false;
  return seed_with(as_random(self), nargs ? args[0] : Value());
}

void random_dealloc(Object* o) { delete static_cast<RandomObject*>(o); }

}  // namespace

bool init__random(Value module, DictObject* ns) {
  if (random_type.dict == nullptr) {
    random_type.name = "Random";
    random_type.module = "_random";
    random_type.flags = kTypeBaseType;
    random_type.basic_size = sizeof(RandomObject);
    random_type.subclass_dict_offset = offsetof(RandomObject, dict);
    random_type.dealloc = random_dealloc;
    random_type.new_ = random_new;
    random_type.init = random_init;
    type_ready(&random_type, &object_type);
    type_add_module_attr(&random_type);
    add_method(&random_type, "seed", random_seed);
    add_method(&random_type, "random", random_random);
    add_method(&random_type, "getrandbits", random_getrandbits);
    add_method(&random_type, "getstate", random_getstate);
    add_method(&random_type, "setstate", random_setstate);
  }
  dict_set_cstr(ns, "Random", Value(&random_type));
  add_function(ns, module, "_sha512", random_sha512);
  return true;
}

}  // namespace minipy::lib
