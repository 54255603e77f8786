// The compiled-code cache (vm/code_cache.h): a unit survives the round trip exactly (disassembly,
// constants, positions), damaged bytes never yield a unit that indexes outside its tables, a .pyc
// goes where importlib's cache_from_source says, and it is used only for the exact source it was
// compiled from by a build of the same code format.
#include "vm/code_cache.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "../compiler/compiler_test_util.h"

namespace minipy::vm {
namespace {

const char* kProgram = R"(
"""doc"""
import os as o
X = (1, -2, 3.5, 'text', b'\x00\xff', None, True, ..., 10**30, frozenset({1, 2}), ((1,), ()))
def f(a, /, b=2, *args, c, d=4, **kw):
    y = [i * a for i in args if i]
    def g():
        nonlocal a
        return a + c
    return g, {k: v for k, v in kw.items()}
class C(Exception):
    x: int = 1
    async def h(self):
        async with self as s:
            await s
try:
    f(1, c=2)
except (KeyError, ValueError) as e:
    pass
finally:
    z = lambda q=1: (yield q)
)";

std::string dump(const CodeUnit& u) {
  std::string out = disassemble(u, false) + "|" + u.name + "|" + u.qualname + "|" + u.filename;
  for (const Position& p : u.positions)
    out += fmt::format(";{}:{}-{}:{}", p.line, p.col, p.end_line, p.end_col);
  for (const Constant& c : u.consts) {
    if (c.kind == Constant::Kind::Code) out += "\n[" + dump(*c.code) + "]";
  }
  return out;
}

TEST(CodeCache, RoundTripIsExact) {
  auto unit = testing::compile_ok(kProgram);
  std::string bytes;
  ASSERT_TRUE(serialize_code_unit(*unit, &bytes));
  auto back = deserialize_code_unit(bytes);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(dump(*back), dump(*unit));
  ASSERT_EQ(back->consts.size(), unit->consts.size());
  for (size_t i = 0; i < unit->consts.size(); i++) {
    // Code constants compare by identity (they are de-duplicated that way); dump() covers them.
    if (unit->consts[i].kind != Constant::Kind::Code)
      EXPECT_TRUE(back->consts[i] == unit->consts[i]) << i;
  }
  std::string again;
  ASSERT_TRUE(serialize_code_unit(*back, &again));
  EXPECT_EQ(again, bytes);
}

TEST(CodeCache, DamagedBytesAreRejectedOrStillValid) {
  auto unit = testing::compile_ok(kProgram);
  std::string bytes;
  ASSERT_TRUE(serialize_code_unit(*unit, &bytes));
  // Every truncation is rejected (the reader must consume everything exactly).
  for (size_t n = 0; n < bytes.size(); n++)
    EXPECT_EQ(deserialize_code_unit(bytes.substr(0, n)), nullptr) << n;
  // Flipped bits either fail to read or give a unit whose operands stay in their tables (the
  // reader validates them), which is what keeps the VM safe; the file's checksum catches the rest.
  for (size_t i = 0; i < bytes.size(); i += 7) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    auto u = deserialize_code_unit(bad);
    if (u == nullptr) continue;
    for (uint32_t insn : u->code) EXPECT_LT(insn & 0xff, static_cast<uint32_t>(kNumOpcodes));
  }
}

std::string tag() { return "minipy-311-" + code_format_tag(); }

TEST(CodeCache, PycPathIsImportlibsCacheFromSource) {
  // With a prefix: <prefix>/<absolute source dir less its leading '/'>/<stem>.<tag>.pyc.
  EXPECT_EQ(pyc_path_for("/usr/lib/python3.11/json/__init__.py", "/c/minipy", 0),
            "/c/minipy/usr/lib/python3.11/json/__init__." + tag() + ".pyc");
  EXPECT_EQ(pyc_path_for("/a/b.py", "/c/", 2), "/c/a/b." + tag() + ".opt-2.pyc");
  char* cwd = ::getcwd(nullptr, 0);
  ASSERT_NE(cwd, nullptr);
  std::string here = std::string(cwd) == "/" ? "" : std::string(cwd).substr(1) + "/";
  EXPECT_EQ(pyc_path_for("m.py", "/c", 0), "/c/" + here + "m." + tag() + ".pyc");
  EXPECT_EQ(pyc_path_for("d/m.py", "/c", 0), "/c/" + here + "d/m." + tag() + ".pyc");
  std::free(cwd);
  // Without one (sys.pycache_prefix = None): __pycache__ beside the source, as CPython.
  EXPECT_EQ(pyc_path_for("/a/b.py", std::nullopt, 0), "/a/__pycache__/b." + tag() + ".pyc");
  EXPECT_EQ(pyc_path_for("m.py", std::nullopt, 0), "__pycache__/m." + tag() + ".pyc");
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

TEST(CodeCache, PycIsUsedOnlyForTheSourceItWasCompiledFrom) {
  char dir_template[] = "/tmp/minipy_cache_testXXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  std::string dir = dir_template;
  std::string pyc = pyc_path_for(dir + "/src/m.py", dir + "/cache", 0);
  const std::string one = "x = 1\n";
  EXPECT_EQ(pyc_load(pyc, one), nullptr);  // missing
  auto unit = testing::compile_ok(one);
  pyc_store(pyc, one, *unit);  // creates the directories
  auto hit = pyc_load(pyc, one);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(dump(*hit), dump(*unit));
  // importlib's header: MAGIC_NUMBER, flags 0b11 (hash-based, check_source), the source's hash.
  std::string bytes = read_all(pyc);
  ASSERT_GT(bytes.size(), 16u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\xa7\r\r\n\x03\0\0\0", 8));
  EXPECT_EQ(bytes[16], kMarshalCodeType);
  // An edit that keeps the size (and whatever the mtime says) is stale: never served.
  EXPECT_EQ(pyc_load(pyc, "x = 2\n"), nullptr);
  // Code of another code format (another compiler, another opcode list) is never run.
  std::string other = bytes;
  other[17] = static_cast<char>(other[17] ^ 1);
  write_all(pyc, other);
  EXPECT_EQ(pyc_load(pyc, one), nullptr);
  // A timestamp-based .pyc (flags 0, as importlib writes by default) cannot prove it is fresh.
  other = bytes;
  other[4] = 0;
  write_all(pyc, other);
  EXPECT_EQ(pyc_load(pyc, one), nullptr);
  // Truncated or with bytes appended: ignored; storing again repairs it.
  write_all(pyc, bytes.substr(0, bytes.size() - 3));
  EXPECT_EQ(pyc_load(pyc, one), nullptr);
  write_all(pyc, bytes + "x");
  EXPECT_EQ(pyc_load(pyc, one), nullptr);
  pyc_store(pyc, one, *unit);
  EXPECT_NE(pyc_load(pyc, one), nullptr);
  EXPECT_EQ(read_all(pyc), bytes);
  // An unusable directory changes nothing.
  pyc_store("/proc/no/such/dir/m.pyc", one, *unit);
  EXPECT_EQ(pyc_load("/proc/no/such/dir/m.pyc", one), nullptr);
  std::string rm = "rm -rf " + dir;
  EXPECT_EQ(std::system(rm.c_str()), 0);
}

TEST(CodeCache, MarshalledCodeCarriesTheFormatVersion) {
  auto unit = testing::compile_ok("y = 2\n");
  std::string out;
  ASSERT_TRUE(marshal_code_unit(*unit, &out));
  uint64_t version = code_format_version();
  ASSERT_GT(out.size(), 13u);
  EXPECT_EQ(out[0], kMarshalCodeType);
  uint64_t read = 0;
  for (int i = 0; i < 8; i++) read |= uint64_t{static_cast<unsigned char>(out[1 + i])} << (8 * i);
  EXPECT_EQ(read, version);
  EXPECT_NE(deserialize_code_unit(std::string_view(out).substr(13)), nullptr);
}

}  // namespace
}  // namespace minipy::vm
