// The compiled-code cache: an imported .py file is compiled once and its code kept on disk as
// a .pyc file, so that later imports skip the lexer, parser and compiler (most of an import's
// cost).
//
// One cache, importlib's: the native import (vm/import.cpp) and CPython's importlib (its
// SourceFileLoader, py_compile, compileall) read and write the same files, at the path
// importlib's cache_from_source gives, in the same layout (16-byte header, then what
// marshal.dumps writes for the code object).
//
// Where: sys.pycache_prefix, which minipy sets by default (stdlib/native/sys.cpp) to
// $XDG_CACHE_HOME/minipy or ~/.cache/minipy (PYTHONPYCACHEPREFIX and -X pycache_prefix
// override it, as in CPython), so that nothing is written next to CPython's library, which is
// a system directory. A file is named <stem>.minipy-311-<tag>.pyc: CPython never looks for that
// name, and another minipy build never reads this build's code.
//
// Trust: the tag and the version inside the marshalled code are code_format_version(), a hash
// of the source of everything that decides what the compiler emits (lexer, parser, compiler,
// opcode list, this serialisation), computed at build time: any change there invalidates every
// entry, not only a change of the opcode list. The native import writes checked-hash .pyc files
// (PEP 552: SipHash of the source bytes, as importlib's _imp.source_hash) and uses an entry only
// when that hash matches the source it has just read, so an edit that keeps a file's size and
// mtime (or lands within the same second) is never served stale; a timestamp-based .pyc
// (what importlib writes by default) is recompiled and replaced. The reader bounds-checks
// everything and validates every instruction's operand against the tables it indexes: a
// truncated or corrupt entry is ignored and rewritten, never trusted.
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

/// The version of compiled code this build writes and runs: a hash of the compiler's fingerprint
/// (generated at build time from the sources that decide its output, see vm/CMakeLists.txt) and of
/// every opcode's name, operand kind and stack effect.
uint64_t code_format_version();

/// A short name of code_format_version(): sys.implementation.cache_tag is "minipy-311-" followed
/// by it, so .pyc files are never read by a build that cannot run them.
std::string code_format_tag();

/// Serialises a unit (with nested code constants). Returns false for a unit the format cannot
/// hold (then it is simply not cached).
bool serialize_code_unit(const CodeUnit& unit, std::string* out);
/// Reads back what serialize_code_unit wrote; null when the bytes are not a valid unit.
std::shared_ptr<CodeUnit> deserialize_code_unit(std::string_view bytes);

/// marshal's type code for minipy's code objects ('m', unused by CPython's marshal): then the
/// version (two little-endian 32-bit halves), the unit's length (32 bits) and the unit.
inline constexpr char kMarshalCodeType = 'm';
/// Appends marshal's encoding of `unit` (type code included); false when it cannot be serialised.
bool marshal_code_unit(const CodeUnit& unit, std::string* out);

/// CPython 3.11's .pyc magic number (importlib's MAGIC_NUMBER is b'\xa7\r\r\n', from 3495).
inline constexpr uint32_t kPycMagic = 3495 | (uint32_t{'\r'} << 16) | (uint32_t{'\n'} << 24);

/// The default of sys.pycache_prefix: $XDG_CACHE_HOME/minipy, else ~/.cache/minipy; "" when
/// neither can be named (then nothing is written).
std::string default_pycache_prefix();

/// importlib's cache_from_source(source): with a prefix, <prefix>/<absolute source dir without its
/// leading '/'>/<file>, else <source dir>/__pycache__/<file>; <file> is <stem>.<cache tag>.pyc,
/// with .opt-N before .pyc when `optimize` > 0.
std::string pyc_path_for(const std::string& source, const std::optional<std::string>& prefix,
                         int optimize);

/// The code in the .pyc file `pyc` when it is a hash-based .pyc of exactly `source` (the source
/// file's bytes) written by a build of this code format; null otherwise (missing, stale, corrupt,
/// timestamp-based, another build's).
std::shared_ptr<CodeUnit> pyc_load(const std::string& pyc, std::string_view source);

/// Writes the checked-hash .pyc of `source` compiled to `unit` (creating its directories);
/// failures are silent (the cache is an optimisation).
void pyc_store(const std::string& pyc, std::string_view source, const CodeUnit& unit);

}  // namespace minipy::vm
