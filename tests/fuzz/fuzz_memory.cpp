// Linked into every libFuzzer target (issue 12): makes the sanitizer build fail a huge allocation
// the way a release build under the sweep's `ulimit -v` does, so the fuzzers report real crashes
// and not CPython-conformant MemoryErrors. AddressSanitizer's own operator new aborts the process
// on a request it cannot serve (above 1 TiB, or above max_allocation_size_mb) instead of throwing
// std::bad_alloc, which minipy turns into MemoryError at the native/VM boundary. Here operator
// new goes through ASan's malloc (still checked for overflows and use-after-free) and throws when
// it returns null. Requests above 2 GiB fail, as under the sweep's limit; that is also libFuzzer's
// default -malloc_limit_mb (the -rss_limit_mb of the commands in README.md).
//
// fuzz_vm also arms a live-bytes budget per input (fuzz_memory.h): a generated program that
// grows a list or a string in a loop gets MemoryError at 256 MiB rather than the 2 GiB of
// -rss_limit_mb, which libFuzzer reports as a crash.
#include "tests/fuzz/fuzz_memory.h"

#include <sanitizer/allocator_interface.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

extern "C" const char* __asan_default_options() {
  return "allocator_may_return_null=1:max_allocation_size_mb=2048";
}

namespace {
// Bytes handed out by operator new and not yet deleted (all of them, armed or not, so that
// freeing what was allocated before arming keeps the count right), and the ceiling (0: none).
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_ceiling{0};

void* allocate(std::size_t n) {
  std::size_t ceiling = g_ceiling.load(std::memory_order_relaxed);
  if (ceiling != 0 && g_live.load(std::memory_order_relaxed) + n > ceiling) throw std::bad_alloc();
  void* p = std::malloc(n ? n : 1);
  if (p == nullptr) throw std::bad_alloc();
  g_live.fetch_add(__sanitizer_get_allocated_size(p), std::memory_order_relaxed);
  return p;
}

void release(void* p) {
  if (p == nullptr) return;
  g_live.fetch_sub(__sanitizer_get_allocated_size(p), std::memory_order_relaxed);
  std::free(p);
}
}  // namespace

void minipy::fuzz::set_memory_budget(std::size_t bytes) {
  g_ceiling.store(bytes == 0 ? 0 : g_live.load(std::memory_order_relaxed) + bytes,
                  std::memory_order_relaxed);
}

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
