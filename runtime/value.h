// Value: one 64-bit word, the unit the VM's stack, locals and containers hold.
//
//   bits == 0                      null: "no value" (an error is pending, or an empty slot)
//   ........ ........ .......1     small int: the word is (n << 1) | 1, n in [-2^62, 2^62)
//   pppppppp pppppppp ppppp000     pointer to a heap Object (8-byte aligned)
//
// Ints outside the small range live in heap IntObjects (runtime/objects/int.h); Python code
// never sees the difference. A Value does not own a reference: owning handles are Ref
// (runtime/object.h).
#pragma once

#include <cstdint>

namespace minipy::rt {

struct Object;

class Value {
 public:
  static constexpr int64_t kMaxSmall = (int64_t{1} << 62) - 1;
  static constexpr int64_t kMinSmall = -(int64_t{1} << 62);

  constexpr Value() = default;
  explicit Value(Object* o) : bits_(reinterpret_cast<uint64_t>(o)) {}

  static constexpr Value null() { return Value(); }
  static constexpr Value from_small(int64_t n) {
    Value v;
    v.bits_ = (static_cast<uint64_t>(n) << 1) | 1;
    return v;
  }
  static constexpr bool fits_small(int64_t n) { return n >= kMinSmall && n <= kMaxSmall; }
  static constexpr Value from_bits(uint64_t b) {
    Value v;
    v.bits_ = b;
    return v;
  }

  constexpr bool is_null() const { return bits_ == 0; }
  constexpr explicit operator bool() const { return bits_ != 0; }
  constexpr bool is_small() const { return (bits_ & 1) != 0; }
  constexpr bool is_object() const { return bits_ != 0 && (bits_ & 1) == 0; }
  constexpr int64_t small() const { return static_cast<int64_t>(bits_) >> 1; }
  Object* obj() const { return reinterpret_cast<Object*>(bits_); }
  constexpr uint64_t bits() const { return bits_; }

  constexpr bool operator==(const Value& o) const { return bits_ == o.bits_; }  // identity (`is`)
  constexpr bool operator!=(const Value& o) const { return bits_ != o.bits_; }

 private:
  uint64_t bits_ = 0;
};

}  // namespace minipy::rt
