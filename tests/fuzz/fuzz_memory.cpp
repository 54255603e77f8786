// Linked into every libFuzzer target (issue 12): makes the sanitizer build fail a huge allocation
// the way a release build under the sweep's `ulimit -v` does, so the fuzzers report real crashes
// and not CPython-conformant MemoryErrors. AddressSanitizer's own operator new aborts the process
// on a request it cannot serve (above 1 TiB, or above max_allocation_size_mb) instead of throwing
// std::bad_alloc, which minipy turns into MemoryError at the native/VM boundary. Here operator
// new goes through ASan's malloc (still checked for overflows and use-after-free) and throws when
// it returns null. Requests above 2 GiB fail, as under the sweep's limit; that is also libFuzzer's
// default -malloc_limit_mb (the -rss_limit_mb of the commands in README.md).
#include <cstddef>
#include <cstdlib>
#include <new>

extern "C" const char* __asan_default_options() {
  return "allocator_may_return_null=1:max_allocation_size_mb=2048";
}

namespace {
void* allocate(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
