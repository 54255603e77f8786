// The fuzz targets' operator new (fuzz_memory.cpp): a live-bytes budget for one input's run.
#pragma once

#include <cstddef>

namespace minipy::fuzz {

/// From now on, operator new fails (std::bad_alloc, which the VM turns into MemoryError) when
/// the bytes it has handed out and not yet had back would grow by more than `bytes` over what
/// is live now; 0 turns the budget off. Counts operator new only (not malloc: tuples), which
/// holds nearly all of a program's data (object bodies, list and dict storage, str and int
/// digits); libFuzzer's -rss_limit_mb stays the backstop.
void set_memory_budget(std::size_t bytes);

}  // namespace minipy::fuzz
