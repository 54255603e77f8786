// Checked size arithmetic for the builtin containers (issue 12): every length computed from
// user-supplied numbers (repetition, concatenation, padding, to_bytes) goes through these before
// anything is allocated, so an overflow becomes CPython's MemoryError or OverflowError instead of a
// wrapped size and a heap overrun. Allocation failure itself (std::bad_alloc) is turned into
// MemoryError once, at the eval loop's boundary (vm/eval.cpp).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace minipy::rt {

/// CPython's PY_SSIZE_T_MAX: the largest length of any sequence.
constexpr int64_t kMaxSsize = INT64_MAX;

/// a * b as a length of elements `elem_size` bytes wide; false when the byte count would exceed
/// kMaxSsize (the caller raises the type's error: MemoryError for lists and tuples, OverflowError
/// "repeated string is too long" for str, ...). Both operands must be non-negative.
inline bool size_mul(int64_t a, int64_t b, int64_t* out, int64_t elem_size = 1) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r) || r > kMaxSsize / elem_size) return false;
  *out = r;
  return true;
}

/// a + b as a length (see size_mul).
inline bool size_add(int64_t a, int64_t b, int64_t* out, int64_t elem_size = 1) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r) || r > kMaxSsize / elem_size) return false;
  *out = r;
  return true;
}

/// Appends `count` copies of `s` to `out` with one allocation and O(log count) copies. The caller
/// has checked s.size() * count with size_mul; a size the allocator refuses throws std::bad_alloc
/// or std::length_error, which the eval loop turns into MemoryError.
inline void append_repeated(std::string& out, std::string_view s, int64_t count) {
  if (count <= 0 || s.empty()) return;
  size_t start = out.size();
  size_t total = s.size() * static_cast<size_t>(count);
  out.resize(start + total);
  char* p = out.data() + start;
  std::memcpy(p, s.data(), s.size());
  size_t done = s.size();
  while (done < total) {
    size_t n = done <= total - done ? done : total - done;
    std::memcpy(p + done, p, n);
    done += n;
  }
}

}  // namespace minipy::rt
