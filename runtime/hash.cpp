// SipHash-1-3 and the hash secret (CPython's Python/pyhash.c and bootstrap_hash.c, written
// anew from the algorithm's description): see hash.h for why they must agree with CPython's.
#include "runtime/hash.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace minipy::rt {

namespace {

// CPython's _Py_HashSecret_t is 24 bytes; SipHash reads its first 16 as two little-endian keys.
struct HashSecret {
  unsigned char bytes[24] = {};
  uint64_t k0 = 0, k1 = 0;
  bool randomized = true;
  bool ready = false;
};

HashSecret g_secret;

uint64_t load_le64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

void finish(HashSecret& s) {
  s.k0 = load_le64(s.bytes);
  s.k1 = load_le64(s.bytes + 8);
  s.ready = true;
}

void fill_random(HashSecret& s) {
  size_t got = 0;
  while (got < sizeof(s.bytes)) {
    ssize_t n = ::getrandom(s.bytes + got, sizeof(s.bytes) - got, 0);
    if (n > 0) {
      got += static_cast<size_t>(n);
    } else if (errno != EINTR) {
      break;  // no entropy source at all: keep what we have (zeros) rather than fail start-up
    }
  }
  s.randomized = true;
  finish(s);
}

/// CPython's lcg_urandom: the bytes a fixed PYTHONHASHSEED expands to (seed 0 means all zeros).
void fill_from_seed(HashSecret& s, uint32_t seed) {
  uint32_t x = seed;
  for (unsigned char& b : s.bytes) {
    x = x * 214013u + 2531011u;
    b = static_cast<unsigned char>((x >> 16) & 0xff);
  }
  if (seed == 0) std::memset(s.bytes, 0, sizeof(s.bytes));
  s.randomized = seed != 0;  // CPython reports only seed 0 as "no randomization"
  finish(s);
}

const HashSecret& secret() {
  if (!g_secret.ready) {
    std::string ignored;
    hash_secret_init(std::getenv("PYTHONHASHSEED"), &ignored);
  }
  return g_secret;
}

inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
  uint64_t v0, v1, v2, v3;
  void half(uint64_t& a, uint64_t& b, uint64_t& c, uint64_t& d, int s, int t) {
    a += b;
    c += d;
    b = rotl(b, s) ^ a;
    d = rotl(d, t) ^ c;
    a = rotl(a, 32);
  }
  void round() {
    half(v0, v1, v2, v3, 13, 16);
    half(v2, v1, v0, v3, 17, 21);
  }
};

}  // namespace

/// SipHash with one compression and three finalisation rounds, as CPython uses (its "siphash13").
uint64_t siphash13(uint64_t k0, uint64_t k1, const void* data, size_t len) {
  const auto* in = static_cast<const unsigned char*>(data);
  uint64_t b = static_cast<uint64_t>(len) << 56;
  SipState s{k0 ^ 0x736f6d6570736575ull, k1 ^ 0x646f72616e646f6dull, k0 ^ 0x6c7967656e657261ull,
             k1 ^ 0x7465646279746573ull};
  while (len >= 8) {
    uint64_t m = load_le64(in);
    in += 8;
    len -= 8;
    s.v3 ^= m;
    s.round();
    s.v0 ^= m;
  }
  uint64_t t = 0;
  for (size_t i = 0; i < len; i++) t |= static_cast<uint64_t>(in[i]) << (8 * i);
  b |= t;
  s.v3 ^= b;
  s.round();
  s.v0 ^= b;
  s.v2 ^= 0xff;
  s.round();
  s.round();
  s.round();
  return (s.v0 ^ s.v1) ^ (s.v2 ^ s.v3);
}

void hash_keys_from_seed(uint32_t seed, uint64_t* k0, uint64_t* k1) {
  HashSecret s;
  fill_from_seed(s, seed);
  *k0 = s.k0;
  *k1 = s.k1;
}

bool hash_secret_init(const char* seed_text, std::string* error) {
  g_secret = HashSecret{};
  if (seed_text == nullptr || *seed_text == '\0' || std::strcmp(seed_text, "random") == 0) {
    fill_random(g_secret);
    return true;
  }
  // CPython accepts a decimal integer in [0, 2**32-1], surrounding spaces allowed.
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(seed_text, &end, 10);
  while (end && (*end == ' ' || *end == '\t' || *end == '\n')) end++;
  bool digits = seed_text[std::strspn(seed_text, " \t\n")] != '-';
  if (errno != 0 || end == seed_text || *end != '\0' || !digits || v > 4294967295ull) {
    *error = "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";
    fill_random(g_secret);
    return false;
  }
  fill_from_seed(g_secret, static_cast<uint32_t>(v));
  return true;
}

bool hash_randomized() { return secret().randomized; }

int64_t hash_bytes(const void* data, size_t len) {
  if (len == 0) return 0;
  const HashSecret& s = secret();
  auto h = static_cast<int64_t>(siphash13(s.k0, s.k1, data, len));
  return h == -1 ? -2 : h;
}

int64_t hash_pointer(const void* p) {
  auto y = reinterpret_cast<uintptr_t>(p);
  auto h = static_cast<int64_t>((y >> 4) | (y << (8 * sizeof(uintptr_t) - 4)));
  return h == -1 ? -2 : h;
}

}  // namespace minipy::rt
