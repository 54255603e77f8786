// CPython 3.11's hashing primitives, shared by every hashable builtin type: the numeric modulus
// (ints, floats and tuples hash as in CPython), SipHash-1-3 over bytes keyed by the hash secret
// (str and bytes), and the pointer hash behind object.__hash__. The secret comes from
// PYTHONHASHSEED exactly as CPython derives it, so PYTHONHASHSEED=N reproduces CPython's str
// hashes, and therefore its set iteration order, bit for bit; unset or "random" draws it from
// the OS. See sys.hash_info.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace minipy::rt {

constexpr int kHashBits = 61;
constexpr uint64_t kHashModulus = (uint64_t{1} << kHashBits) - 1;  // sys.hash_info.modulus
constexpr int64_t kHashInf = 314159;
constexpr int64_t kHashImag = 1000003;

/// Chooses the hash secret. Must run before any str or bytes is hashed (the CLI calls it first
/// thing); otherwise the first hash initialises it from the environment. `seed_text` is the
/// value of PYTHONHASHSEED or null when unset (or ignored by -E). On a malformed value returns
/// false with *error set to CPython's message and leaves the secret random.
bool hash_secret_init(const char* seed_text, std::string* error);

/// sys.flags.hash_randomization: false only for PYTHONHASHSEED=0 (as CPython reports it).
bool hash_randomized();

/// CPython's _Py_HashBytes: 0 for empty input, SipHash-1-3 otherwise, never -1.
int64_t hash_bytes(const void* data, size_t len);

/// The building blocks, exposed for unit tests: SipHash-1-3 with explicit keys, and the keys a
/// fixed PYTHONHASHSEED value expands to.
uint64_t siphash13(uint64_t k0, uint64_t k1, const void* data, size_t len);
void hash_keys_from_seed(uint32_t seed, uint64_t* k0, uint64_t* k1);

/// CPython's _Py_HashPointer: the address rotated right by 4 bits, never -1.
int64_t hash_pointer(const void* p);

}  // namespace minipy::rt
