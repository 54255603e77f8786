// Unit tests of runtime/hash: SipHash-1-3 and the PYTHONHASHSEED key derivation against values
// python3 3.11 prints (PYTHONHASHSEED=0 and 42), and the pointer hash. The process-wide secret
// is left alone (interned strings have cached their hashes under it).
#include "runtime/hash.h"

#include <gtest/gtest.h>

#include <cstring>

namespace minipy::rt {
namespace {

int64_t sip(uint32_t seed, const char* text, size_t len) {
  uint64_t k0, k1;
  hash_keys_from_seed(seed, &k0, &k1);
  return static_cast<int64_t>(siphash13(k0, k1, text, len));
}

TEST(HashTest, SeedZeroMeansAllZeroKeys) {
  uint64_t k0 = 1, k1 = 1;
  hash_keys_from_seed(0, &k0, &k1);
  EXPECT_EQ(k0, 0u);
  EXPECT_EQ(k1, 0u);
}

TEST(HashTest, SipHash13MatchesCPython) {
  // python3: PYTHONHASHSEED=0 python3 -c 'print(hash(b"abc"))' and friends.
  EXPECT_EQ(sip(0, "abc", 3), -4594863902769663758);
  EXPECT_EQ(sip(42, "abc", 3), 3869580338025362921);
  // 20 bytes: two full 8-byte blocks and a tail. hash("a" * 20) under seed 0.
  EXPECT_EQ(sip(0, "aaaaaaaaaaaaaaaaaaaa", 20), 3291541819775287794);
  // "é" is stored as one Latin-1 byte (0xe9) by CPython, and hashed as such.
  EXPECT_EQ(sip(0, "\xe9", 1), 6047309291227476195);
}

TEST(HashTest, DifferentSeedsGiveDifferentKeys) {
  uint64_t a0, a1, b0, b1;
  hash_keys_from_seed(1, &a0, &a1);
  hash_keys_from_seed(2, &b0, &b1);
  EXPECT_NE(a0, b0);
  EXPECT_NE(a1, b1);
}

TEST(HashTest, PointerHashRotatesAndAvoidsMinusOne) {
  int x = 0;
  auto p = reinterpret_cast<uintptr_t>(&x);
  EXPECT_EQ(static_cast<uint64_t>(hash_pointer(&x)), (p >> 4) | (p << 60));
  EXPECT_EQ(hash_bytes("", 0), 0);
}

}  // namespace
}  // namespace minipy::rt
