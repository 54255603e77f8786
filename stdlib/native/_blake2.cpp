// _blake2: BLAKE2b and BLAKE2s (RFC 7693), written here because CPython's hashlib.py takes
// blake2b/blake2s from this module, never from OpenSSL (which lacks keys, salts and the tree
// parameters). The hash types follow CPython's Modules/_blake2: every parameter of the BLAKE2
// parameter block, update/digest/hexdigest/copy, and updates of 2 KiB or more with the GIL
// released under the object's own lock.
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "stdlib/native/hash_common.h"
#include "stdlib/native/native_args.h"

namespace minipy::lib {

using namespace rt;

namespace {

const uint8_t kSigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

/// The two variants differ in word size, rounds, rotations, IV and parameter-block layout.
struct Blake2bTraits {
  using Word = uint64_t;
  static constexpr int kRounds = 12;
  static constexpr int kR[4] = {32, 24, 16, 63};
  static constexpr Word kIv[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                  0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                  0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  static constexpr size_t kSaltSize = 16, kPersonSize = 16, kMaxKey = 64, kMaxDigest = 64;
  static constexpr int kNodeOffsetBytes = 8;
  static constexpr const char* kName = "blake2b";
};

struct Blake2sTraits {
  using Word = uint32_t;
  static constexpr int kRounds = 10;
  static constexpr int kR[4] = {16, 12, 8, 7};
  static constexpr Word kIv[8] = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                                  0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
  static constexpr size_t kSaltSize = 8, kPersonSize = 8, kMaxKey = 32, kMaxDigest = 32;
  static constexpr int kNodeOffsetBytes = 6;
  static constexpr const char* kName = "blake2s";
};

template <class T>
struct Blake2State {
  using W = typename T::Word;
  static constexpr size_t kBlock = 16 * sizeof(W);
  W h[8];
  W t[2] = {0, 0};
  W f[2] = {0, 0};
  uint8_t buf[kBlock];
  size_t buflen = 0;
  size_t outlen = 0;
  bool last_node = false;

  static W load(const uint8_t* p) {
    W w = 0;
    for (size_t i = 0; i < sizeof(W); i++) w |= static_cast<W>(p[i]) << (8 * i);
    return w;
  }
  static W rotr(W x, int n) { return (x >> n) | (x << (8 * sizeof(W) - n)); }

  void compress(const uint8_t* block) {
    W m[16], v[16];
    for (int i = 0; i < 16; i++) m[i] = load(block + i * sizeof(W));
    for (int i = 0; i < 8; i++) {
      v[i] = h[i];
      v[i + 8] = T::kIv[i];
    }
    v[12] ^= t[0];
    v[13] ^= t[1];
    v[14] ^= f[0];
    v[15] ^= f[1];
    auto g = [&](int a, int b, int c, int d, W x, W y) {
      v[a] = v[a] + v[b] + x;
      v[d] = rotr(v[d] ^ v[a], T::kR[0]);
      v[c] = v[c] + v[d];
      v[b] = rotr(v[b] ^ v[c], T::kR[1]);
      v[a] = v[a] + v[b] + y;
      v[d] = rotr(v[d] ^ v[a], T::kR[2]);
      v[c] = v[c] + v[d];
      v[b] = rotr(v[b] ^ v[c], T::kR[3]);
    };
    for (int r = 0; r < T::kRounds; r++) {
      const uint8_t* s = kSigma[r % 10];
      g(0, 4, 8, 12, m[s[0]], m[s[1]]);
      g(1, 5, 9, 13, m[s[2]], m[s[3]]);
      g(2, 6, 10, 14, m[s[4]], m[s[5]]);
      g(3, 7, 11, 15, m[s[6]], m[s[7]]);
      g(0, 5, 10, 15, m[s[8]], m[s[9]]);
      g(1, 6, 11, 12, m[s[10]], m[s[11]]);
      g(2, 7, 8, 13, m[s[12]], m[s[13]]);
      g(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
  }

  void count(size_t n) {
    t[0] += static_cast<W>(n);
    if (t[0] < static_cast<W>(n)) t[1]++;
  }

  /// The last block is kept back in `buf`: it must be compressed with the final flag.
  void update(const uint8_t* in, size_t n) {
    if (n == 0) return;
    size_t fill = kBlock - buflen;
    if (n > fill) {
      std::memcpy(buf + buflen, in, fill);
      buflen = 0;
      count(kBlock);
      compress(buf);
      in += fill;
      n -= fill;
      while (n > kBlock) {
        count(kBlock);
        compress(in);
        in += kBlock;
        n -= kBlock;
      }
    }
    std::memcpy(buf + buflen, in, n);
    buflen += n;
  }

  std::string final_digest() const {
    Blake2State s = *this;
    s.count(s.buflen);
    s.f[0] = ~W(0);
    if (s.last_node) s.f[1] = ~W(0);
    std::memset(s.buf + s.buflen, 0, kBlock - s.buflen);
    s.compress(s.buf);
    std::string out;
    for (size_t i = 0; i < outlen; i++)
      out.push_back(static_cast<char>(s.h[i / sizeof(W)] >> (8 * (i % sizeof(W)))));
    return out;
  }
};

template <class T>
struct Blake2Object : Object {
  std::mutex mu;
  Blake2State<T> st;
};

TypeObject blake2b_type;
TypeObject blake2s_type;

template <class T>
TypeObject* type_for();
template <>
TypeObject* type_for<Blake2bTraits>() {
  return &blake2b_type;
}
template <>
TypeObject* type_for<Blake2sTraits>() {
  return &blake2s_type;
}

template <class T>
Blake2Object<T>* as_b2(Value v) {
  return static_cast<Blake2Object<T>*>(v.obj());
}

template <class T>
void b2_update_locked(Blake2Object<T>* o, std::string_view d) {
  const auto* p = reinterpret_cast<const uint8_t*>(d.data());
  if (d.size() >= kHashGilMin) {
    ReleaseGil unlocked("hash");
    o->st.update(p, d.size());
  } else {
    o->st.update(p, d.size());
  }
}

/// An unsigned parameter no larger than `max`; `what` names it in the messages.
bool param_arg(Value v, int64_t lo, uint64_t max, const char* range_msg, int64_t* out) {
  if (!int_arg(v, out)) return false;
  if (*out < lo || static_cast<uint64_t>(*out) > max) {
    raise(&exc_ValueError, range_msg);
    return false;
  }
  return true;
}

template <class T>
Ref b2_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[13];
  if (!parse_args(T::kName, args, nargs, kw,
                  {"", "*", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size",
                   "node_offset", "node_depth", "inner_size", "last_node", "usedforsecurity"},
                  0, a)) {
    return Ref();
  }
  using W = typename T::Word;
  uint8_t param[sizeof(W) * 8] = {};
  int64_t digest_size = T::kMaxDigest;
  if (a[1]) {
    if (!int_arg(a[1], &digest_size)) return Ref();
    if (digest_size < 1 || digest_size > static_cast<int64_t>(T::kMaxDigest)) {
      return raise_fmt(&exc_ValueError, "digest_size must be between 1 and {} bytes",
                       T::kMaxDigest);
    }
  }
  ByteArg key, salt, person;
  if (a[2] && !byte_arg(a[2], &key, false)) return Ref();
  if (key.data.size() > T::kMaxKey)
    return raise_fmt(&exc_ValueError, "maximum key length is {} bytes", T::kMaxKey);
  if (a[3] && !byte_arg(a[3], &salt, false)) return Ref();
  if (salt.data.size() > T::kSaltSize) {
    return raise_fmt(&exc_ValueError, "maximum salt length is {} bytes", T::kSaltSize);
  }
  if (a[4] && !byte_arg(a[4], &person, false)) return Ref();
  if (person.data.size() > T::kPersonSize) {
    return raise_fmt(&exc_ValueError, "maximum person length is {} bytes", T::kPersonSize);
  }
  int64_t fanout = 1, depth = 1, leaf_size = 0, node_depth = 0, inner_size = 0;
  uint64_t node_offset = 0;  // blake2b takes the whole unsigned 64-bit range
  if (a[5] && !param_arg(a[5], 0, 255, "fanout must be between 0 and 255", &fanout)) return Ref();
  if (a[6] && !param_arg(a[6], 1, 255, "depth must be between 1 and 255", &depth)) return Ref();
  if (a[7]) {
    // CPython's unsigned long converter refuses a negative int of any size with ValueError.
    if (is_int(a[7]) && int_sign(a[7]) < 0) return raise(&exc_ValueError, "value must be positive");
    if (!int_arg(a[7], &leaf_size)) return Ref();
    if (leaf_size > 0xFFFFFFFFLL) return raise(&exc_OverflowError, "leaf_size is too large");
  }
  if (a[8]) {
    if (is_int(a[8]) && int_sign(a[8]) < 0) return raise(&exc_ValueError, "value must be positive");
    if (is_int(a[8])) {
      BigInt offset = int_to_bigint(a[8]);
      if (offset.bit_length() > 64) return raise(&exc_OverflowError, "int too big to convert");
      node_offset = static_cast<uint64_t>(offset.to_int64());  // wraps modulo 2**64: exact
    } else {
      int64_t n;
      if (!int_arg(a[8], &n)) return Ref();
      if (n < 0) return raise(&exc_ValueError, "value must be positive");
      node_offset = static_cast<uint64_t>(n);
    }
    if constexpr (T::kNodeOffsetBytes < 8) {
      if (node_offset >= (uint64_t(1) << (8 * T::kNodeOffsetBytes))) {
        return raise(&exc_OverflowError, "node_offset is too large");
      }
    }
  }
  if (a[9] && !param_arg(a[9], 0, 255, "node_depth must be between 0 and 255", &node_depth))
    return Ref();
  if (a[10]) {
    if (!int_arg(a[10], &inner_size)) return Ref();
    if (inner_size < 0 || inner_size > static_cast<int64_t>(T::kMaxDigest)) {
      return raise_fmt(&exc_ValueError, "inner_size must be between 0 and is {}", T::kMaxDigest);
    }
  }
  bool last_node = false;
  if (a[11]) {
    int t = truthy(a[11]);
    if (t < 0) return Ref();
    last_node = t == 1;
  }
  ByteArg data;
  if (a[0] && !hash_data_arg(a[0], &data)) return Ref();

  // The parameter block (RFC 7693 section 2.5), little-endian.
  param[0] = static_cast<uint8_t>(digest_size);
  param[1] = static_cast<uint8_t>(key.data.size());
  param[2] = static_cast<uint8_t>(fanout);
  param[3] = static_cast<uint8_t>(depth);
  for (int i = 0; i < 4; i++)
    param[4 + i] = static_cast<uint8_t>(static_cast<uint64_t>(leaf_size) >> (8 * i));
  for (int i = 0; i < T::kNodeOffsetBytes; i++) {
    param[8 + i] = static_cast<uint8_t>(node_offset >> (8 * i));
  }
  size_t p = 8 + T::kNodeOffsetBytes;
  param[p] = static_cast<uint8_t>(node_depth);
  param[p + 1] = static_cast<uint8_t>(inner_size);
  size_t salt_at = sizeof(param) / 2;
  // An empty salt or person may have no storage at all (memcpy from null is undefined).
  if (!salt.data.empty()) std::memcpy(param + salt_at, salt.data.data(), salt.data.size());
  if (!person.data.empty())
    std::memcpy(param + salt_at + T::kSaltSize, person.data.data(), person.data.size());

  auto* o = alloc_instance<Blake2Object<T>>(type);
  Ref self = Ref::steal(Value(o));
  for (int i = 0; i < 8; i++) o->st.h[i] = T::kIv[i] ^ Blake2State<T>::load(param + i * sizeof(W));
  o->st.outlen = static_cast<size_t>(digest_size);
  o->st.last_node = last_node;
  if (!key.data.empty()) {
    uint8_t block[Blake2State<T>::kBlock] = {};
    std::memcpy(block, key.data.data(), key.data.size());
    o->st.update(block, sizeof(block));
  }
  if (a[0]) {
    ObjectLock lock(o->mu);
    b2_update_locked(o, data.data);
  }
  return self;
}

template <class T>
Ref b2_update(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("update", nargs, kw, 1, 1)) return Ref();
  ByteArg data;
  if (!hash_data_arg(args[0], &data)) return Ref();
  auto* o = as_b2<T>(self);
  ObjectLock lock(o->mu);
  b2_update_locked(o, data.data);
  return none_ref();
}

template <class T>
std::string b2_final(Value self) {
  auto* o = as_b2<T>(self);
  ObjectLock lock(o->mu);
  return o->st.final_digest();
}

template <class T>
Ref b2_digest(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("digest", nargs, kw, 0, 0)) return Ref();
  return bytes_new(b2_final<T>(self));
}

template <class T>
Ref b2_hexdigest(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("hexdigest", nargs, kw, 0, 0)) return Ref();
  return str_new(hex_text(b2_final<T>(self)));
}

template <class T>
Ref b2_copy(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  auto* o = as_b2<T>(self);
  auto* c = alloc_instance<Blake2Object<T>>(type_of(self));
  Ref copy = Ref::steal(Value(c));
  ObjectLock lock(o->mu);
  c->st = o->st;
  return copy;
}

template <class T>
Ref b2_get_name(Value) {
  return str_new(T::kName);
}
template <class T>
Ref b2_get_digest_size(Value self) {
  return int_from_int64(static_cast<int64_t>(as_b2<T>(self)->st.outlen));
}
template <class T>
Ref b2_get_block_size(Value) {
  return int_from_int64(static_cast<int64_t>(Blake2State<T>::kBlock));
}

template <class T>
void b2_dealloc(Object* o) {
  delete static_cast<Blake2Object<T>*>(o);
}

template <class T>
void ready_type() {
  TypeObject* t = type_for<T>();
  t->name = T::kName;
  t->module = "_blake2";
  t->flags = kTypeBaseType;
  t->basic_size = sizeof(Blake2Object<T>);
  t->dealloc = b2_dealloc<T>;
  t->new_ = b2_new<T>;
  type_ready(t, &object_type);
  type_add_module_attr(t);
  add_method(t, "update", b2_update<T>, kNativeReleasesGil);
  add_method(t, "digest", b2_digest<T>);
  add_method(t, "hexdigest", b2_hexdigest<T>);
  add_method(t, "copy", b2_copy<T>);
  add_getset(t, "name", b2_get_name<T>);
  add_getset(t, "digest_size", b2_get_digest_size<T>);
  add_getset(t, "block_size", b2_get_block_size<T>);
  add_attr(t, "SALT_SIZE", Value::from_small(static_cast<int64_t>(T::kSaltSize)));
  add_attr(t, "PERSON_SIZE", Value::from_small(static_cast<int64_t>(T::kPersonSize)));
  add_attr(t, "MAX_KEY_SIZE", Value::from_small(static_cast<int64_t>(T::kMaxKey)));
  add_attr(t, "MAX_DIGEST_SIZE", Value::from_small(static_cast<int64_t>(T::kMaxDigest)));
}

}  // namespace

bool init__blake2(Value, DictObject* ns) {
  if (blake2b_type.dict == nullptr) {
    ready_type<Blake2bTraits>();
    ready_type<Blake2sTraits>();
  }
  dict_set_cstr(ns, "blake2b", Value(&blake2b_type));
  dict_set_cstr(ns, "blake2s", Value(&blake2s_type));
  const struct {
    const char* name;
    int value;
  } kConstants[] = {{"BLAKE2B_SALT_SIZE", 16},    {"BLAKE2B_PERSON_SIZE", 16},
                    {"BLAKE2B_MAX_KEY_SIZE", 64}, {"BLAKE2B_MAX_DIGEST_SIZE", 64},
                    {"BLAKE2S_SALT_SIZE", 8},     {"BLAKE2S_PERSON_SIZE", 8},
                    {"BLAKE2S_MAX_KEY_SIZE", 32}, {"BLAKE2S_MAX_DIGEST_SIZE", 32}};
  for (const auto& c : kConstants) dict_set_cstr(ns, c.name, Value::from_small(c.value));
  return true;
}

}  // namespace minipy::lib
