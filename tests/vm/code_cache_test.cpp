// The compiled-code cache (vm/code_cache.h): a unit survives the round trip exactly (disassembly,
// constants, positions), damaged bytes never yield a unit that indexes outside its tables, and
// the on-disk entry is used only for the source stamp it was written for.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "../compiler/compiler_test_util.h"
#include "vm/code_cache.h"

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
  for (const Position& p : u.positions) out += fmt::format(";{}:{}-{}:{}", p.line, p.col, p.end_line, p.end_col);
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
    if (unit->consts[i].kind != Constant::Kind::Code) EXPECT_TRUE(back->consts[i] == unit->consts[i]) << i;
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
  for (size_t n = 0; n < bytes.size(); n++) EXPECT_EQ(deserialize_code_unit(bytes.substr(0, n)), nullptr) << n;
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

TEST(CodeCache, EntryIsUsedOnlyForItsStamp) {
  char dir_template[] = "/tmp/minipy_cache_testXXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  std::string dir = dir_template;
  setenv("MINIPY_CACHE_DIR", (dir + "/cache").c_str(), 1);
  std::string src = dir + "/m.py";
  std::ofstream(src) << "x = 1\n";
  auto stamp = stamp_source(src);
  ASSERT_TRUE(stamp.has_value());
  EXPECT_EQ(code_cache_load(*stamp), nullptr);
  auto unit = testing::compile_ok("x = 1\n");
  code_cache_store(*stamp, *unit);
  auto hit = code_cache_load(*stamp);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(dump(*hit), dump(*unit));
  SourceStamp other = *stamp;
  other.mtime_ns += 1;
  EXPECT_EQ(code_cache_load(other), nullptr);
  other = *stamp;
  other.size += 1;
  EXPECT_EQ(code_cache_load(other), nullptr);
  // A damaged entry is ignored (the body's checksum), and storing again repairs it.
  std::string entry;
  for (const char* name : {"/cache"}) {
    std::string cmd = "ls " + dir + name + " > " + dir + "/ls.txt";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream ls(dir + "/ls.txt");
    std::getline(ls, entry);
  }
  std::string path = dir + "/cache/" + entry;
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(-3, std::ios::end);
  f.put('\x7f');
  f.close();
  EXPECT_EQ(code_cache_load(*stamp), nullptr);
  code_cache_store(*stamp, *unit);
  EXPECT_NE(code_cache_load(*stamp), nullptr);
  std::string rm = "rm -rf " + dir;
  EXPECT_EQ(std::system(rm.c_str()), 0);
  unsetenv("MINIPY_CACHE_DIR");
}

}  // namespace
}  // namespace minipy::vm
