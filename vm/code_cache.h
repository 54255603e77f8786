// The compiled-code cache: an imported .py file is compiled once and its CodeUnit kept on disk,
// so that later imports skip the lexer, parser and compiler (most of an import's cost).
//
// Where: $MINIPY_CACHE_DIR, else $XDG_CACHE_HOME/minipy, else ~/.cache/minipy — never next to
// the source, since CPython's library lives in a read-only system directory. One file per source,
// named by a hash of the source's absolute path.
//
// Trust: an entry is used only when its header matches the source exactly (the path itself, its
// size and mtime in nanoseconds), minipy's bytecode version (a hash of vm/opcodes.def's list, so
// any change of the instruction set invalidates every entry) and the entry format, and when the
// checksum of its body is right. The reader bounds-checks everything and validates every
// instruction's operand against the tables it indexes. Anything else — stale, truncated, corrupt,
// from another build — is ignored and rewritten, never trusted.
//
// Writing is off under -B, PYTHONDONTWRITEBYTECODE or sys.dont_write_bytecode = True; entries are
// written to a temporary file and renamed into place, so a concurrent reader (another process, a
// forked child) never sees half an entry.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vm/code_unit.h"

namespace minipy::vm {

/// The bytecode version: a hash of every opcode's name, operand kind and stack effect.
uint64_t bytecode_version();

/// A short name of this build's compiled-code format (bytecode version and entry format):
/// sys.implementation.cache_tag is "minipy-311-" followed by it, so importlib's .pyc files
/// (whose code marshal writes in this format) are never read by a build that cannot run them.
std::string code_format_tag();

/// Serialises a unit (with nested code constants). Returns false for a unit the format cannot
/// hold (then it is simply not cached).
bool serialize_code_unit(const CodeUnit& unit, std::string* out);
/// Reads back what serialize_code_unit wrote; null when the bytes are not a valid unit.
std::shared_ptr<CodeUnit> deserialize_code_unit(std::string_view bytes);

/// The cache entry's identity for one source file.
struct SourceStamp {
  std::string path;  // absolute
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

/// The stamp of `path` now; nullopt when it cannot be stat'ed.
std::optional<SourceStamp> stamp_source(const std::string& path);
/// The cache directory (created on demand by store); empty when none can be named.
std::string code_cache_dir();
/// The cached unit for `stamp`, or null (missing, stale or corrupt).
std::shared_ptr<CodeUnit> code_cache_load(const SourceStamp& stamp);
/// Writes the entry for `stamp`; failures are silent (the cache is an optimisation).
void code_cache_store(const SourceStamp& stamp, const CodeUnit& unit);

}  // namespace minipy::vm
