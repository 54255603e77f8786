// The compiled-code cache (see code_cache.h for where entries live and why they can be trusted).
#include "vm/code_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "vm/opcode.h"

namespace minipy::vm {

namespace {

// Bump when the layout written below changes, or when the compiler's output for the same source
// changes in a way that matters (lines of instructions). The static_asserts make a change of
// CodeUnit or Constant (a new field) fail to compile here until this file is taught the field.
// 2: complex constants (Constant::Kind renumbered); 3: artificial instructions take no line of
// their own and `pass` keeps a NOP (line events of sys.settrace); 4: a function's RESUME is at
// (first line, column 0) as CPython's; 5: attribute and method-call positions start at the name
// when it is on a later line, decorator calls at their decorator.
constexpr uint32_t kFormat = 5;
static_assert(sizeof(CodeUnit) == 320, "CodeUnit changed: serialise the new field and bump kFormat");
static_assert(sizeof(Constant) == 104, "Constant changed: serialise the new field and bump kFormat");

constexpr char kMagic[4] = {'M', 'P', 'Y', 'C'};
constexpr int kMaxConstDepth = 64;  // tuples of tuples / code in code: far beyond real programs

constexpr uint64_t fnv1a(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// Every field of the one opcode list, as text: any edit of the instruction set changes it.
constexpr std::string_view kOpcodeListText =
#define OPCODE(name, operand, pops, pushes, flags) #name "|" #operand "|" #pops "|" #pushes "|" #flags ";"
#include "vm/opcodes.def"
#undef OPCODE
    ;

// ---------------------------------------------------------------- writing

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  void u8(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { raw(&v, sizeof v); }
  void i32(int32_t v) { raw(&v, sizeof v); }
  void u64(uint64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_->append(s);
  }
  void strs(const std::vector<std::string>& v) {
    u32(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) str(s);
  }

 private:
  void raw(const void* p, size_t n) { out_->append(static_cast<const char*>(p), n); }
  std::string* out_;
};

bool write_unit(Writer& w, const CodeUnit& u, int depth);

bool write_const(Writer& w, const Constant& c, int depth) {
  if (depth > kMaxConstDepth) return false;
  w.u8(static_cast<uint8_t>(c.kind));
  switch (c.kind) {
    case Constant::Kind::None:
    case Constant::Kind::True:
    case Constant::Kind::False:
    case Constant::Kind::Ellipsis:
      return true;
    case Constant::Kind::Int:
      w.u64(static_cast<uint64_t>(c.int_value));
      return true;
    case Constant::Kind::BigInt:
    case Constant::Kind::Str:
    case Constant::Kind::Bytes:
      w.str(c.text);
      return true;
    case Constant::Kind::Complex:
      w.f64(c.float_value);
      w.f64(c.imag_value);
      return true;
    case Constant::Kind::Float:
      w.f64(c.float_value);
      return true;
    case Constant::Kind::Tuple:
    case Constant::Kind::FrozenSet:
      w.u32(static_cast<uint32_t>(c.items.size()));
      for (const Constant& item : c.items) {
        if (!write_const(w, item, depth + 1)) return false;
      }
      return true;
    case Constant::Kind::Code:
      return c.code != nullptr && write_unit(w, *c.code, depth + 1);
  }
  return false;  // a kind this format does not know: the unit is not cached
}

bool write_unit(Writer& w, const CodeUnit& u, int depth) {
  if (depth > kMaxConstDepth || u.positions.size() != u.code.size()) return false;
  w.str(u.name);
  w.str(u.qualname);
  w.str(u.filename);
  w.i32(u.first_line);
  w.i32(u.argcount);
  w.i32(u.posonlyargcount);
  w.i32(u.kwonlyargcount);
  w.u32(u.flags);
  w.u32(static_cast<uint32_t>(u.code.size()));
  for (uint32_t insn : u.code) w.u32(insn);
  for (const Position& p : u.positions) {
    w.i32(p.line);
    w.i32(p.col);
    w.i32(p.end_line);
    w.i32(p.end_col);
  }
  w.u32(static_cast<uint32_t>(u.consts.size()));
  for (const Constant& c : u.consts) {
    if (!write_const(w, c, depth)) return false;
  }
  w.strs(u.names);
  w.strs(u.varnames);
  w.strs(u.cellvars);
  w.strs(u.freevars);
  w.u32(static_cast<uint32_t>(u.cell2arg.size()));
  for (int i : u.cell2arg) w.i32(i);
  w.i32(u.max_stack);
  return true;
}

// ---------------------------------------------------------------- reading

/// Reads with bounds checks: after any failure ok() is false and every read returns zero.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  uint8_t u8() {
    uint8_t v = 0;
    raw(&v, 1);
    return v;
  }
  uint32_t u32() {
    uint32_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  int32_t i32() {
    int32_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  uint64_t u64() {
    uint64_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  double f64() {
    double v = 0;
    raw(&v, sizeof v);
    return v;
  }
  /// A count of items each at least `min_item` bytes long: larger than what is left is corrupt.
  uint32_t count(size_t min_item) {
    uint32_t n = u32();
    if (ok_ && static_cast<uint64_t>(n) * min_item > in_.size() - pos_) ok_ = false;
    return ok_ ? n : 0;
  }
  std::string str() {
    uint32_t n = count(1);
    if (!ok_) return {};
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::string_view rest() const { return in_.substr(pos_); }
  std::vector<std::string> strs() {
    uint32_t n = count(4);
    std::vector<std::string> v;
    v.reserve(n);
    for (uint32_t i = 0; i < n && ok_; i++) v.push_back(str());
    return v;
  }

 private:
  void raw(void* p, size_t n) {
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      std::memset(p, 0, n);
      return;
    }
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

std::shared_ptr<CodeUnit> read_unit(Reader& r, int depth);

bool read_const(Reader& r, Constant* c, int depth) {
  if (depth > kMaxConstDepth) return false;
  uint8_t kind = r.u8();
  if (kind > static_cast<uint8_t>(Constant::Kind::Code)) return false;
  c->kind = static_cast<Constant::Kind>(kind);
  switch (c->kind) {
    case Constant::Kind::None:
    case Constant::Kind::True:
    case Constant::Kind::False:
    case Constant::Kind::Ellipsis:
      break;
    case Constant::Kind::Int:
      c->int_value = static_cast<int64_t>(r.u64());
      break;
    case Constant::Kind::BigInt:
    case Constant::Kind::Str:
    case Constant::Kind::Bytes:
      c->text = r.str();
      break;
    case Constant::Kind::Float:
      c->float_value = r.f64();
      break;
    case Constant::Kind::Complex:
      c->float_value = r.f64();
      c->imag_value = r.f64();
      break;
    case Constant::Kind::Tuple:
    case Constant::Kind::FrozenSet: {
      uint32_t n = r.count(1);
      c->items.resize(n);
      for (uint32_t i = 0; i < n && r.ok(); i++) {
        if (!read_const(r, &c->items[i], depth + 1)) return false;
      }
      break;
    }
    case Constant::Kind::Code:
      c->code = read_unit(r, depth + 1);
      if (c->code == nullptr) return false;
      break;
  }
  return r.ok();
}

/// Every instruction's opcode exists and its operand indexes the table it names.
bool instructions_valid(const CodeUnit& u) {
  for (uint32_t insn : u.code) {
    if ((insn & 0xff) >= static_cast<uint32_t>(kNumOpcodes)) return false;
    uint32_t arg = arg_of(insn);
    switch (operand_kind(op_of(insn))) {
      case OperandKind::CONST:
        if (arg >= u.consts.size()) return false;
        break;
      case OperandKind::NAME:
        if (arg >= u.names.size()) return false;
        break;
      case OperandKind::LOCAL:
        if (arg >= u.varnames.size()) return false;
        break;
      case OperandKind::CELL:
        if (arg >= u.cellvars.size() + u.freevars.size()) return false;
        break;
      case OperandKind::JUMP:
        if (arg > u.code.size()) return false;
        break;
      case OperandKind::NONE:
      case OperandKind::COUNT:
      case OperandKind::OPER:
        break;
    }
  }
  for (int i : u.cell2arg) {
    if (i < -1 || i >= static_cast<int>(u.varnames.size())) return false;
  }
  return u.max_stack >= 0 && u.max_stack < (1 << 20) && u.argcount >= 0 &&
         u.posonlyargcount >= 0 && u.kwonlyargcount >= 0 &&
         static_cast<size_t>(u.argcount) + u.kwonlyargcount <= u.varnames.size();
}

std::shared_ptr<CodeUnit> read_unit(Reader& r, int depth) {
  if (depth > kMaxConstDepth) return nullptr;
  auto u = std::make_shared<CodeUnit>();
  u->name = r.str();
  u->qualname = r.str();
  u->filename = r.str();
  u->first_line = r.i32();
  u->argcount = r.i32();
  u->posonlyargcount = r.i32();
  u->kwonlyargcount = r.i32();
  u->flags = r.u32();
  uint32_t n = r.count(4 + 16);
  u->code.resize(n);
  for (uint32_t i = 0; i < n && r.ok(); i++) u->code[i] = r.u32();
  u->positions.resize(n);
  for (uint32_t i = 0; i < n && r.ok(); i++) {
    Position& p = u->positions[i];
    p.line = r.i32();
    p.col = r.i32();
    p.end_line = r.i32();
    p.end_col = r.i32();
  }
  uint32_t nconsts = r.count(1);
  u->consts.resize(nconsts);
  for (uint32_t i = 0; i < nconsts && r.ok(); i++) {
    if (!read_const(r, &u->consts[i], depth)) return nullptr;
  }
  u->names = r.strs();
  u->varnames = r.strs();
  u->cellvars = r.strs();
  u->freevars = r.strs();
  uint32_t ncell2arg = r.count(4);
  u->cell2arg.resize(ncell2arg);
  for (uint32_t i = 0; i < ncell2arg && r.ok(); i++) u->cell2arg[i] = r.i32();
  u->max_stack = r.i32();
  if (!r.ok() || !instructions_valid(*u)) return nullptr;
  return u;
}

// ---------------------------------------------------------------- files

std::string entry_path(const SourceStamp& stamp) {
  std::string dir = code_cache_dir();
  if (dir.empty()) return {};
  char name[32];
  std::snprintf(name, sizeof name, "/%016llx.mpyc", static_cast<unsigned long long>(fnv1a(stamp.path)));
  return dir + name;
}

bool read_whole(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return n == 0;
    }
    out->append(buf, static_cast<size_t>(n));
  }
}

bool make_dirs(const std::string& dir) {
  for (size_t i = 1; i <= dir.size(); i++) {
    if (i == dir.size() || dir[i] == '/') {
      std::string part = dir.substr(0, i);
      if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
    }
  }
  return true;
}

}  // namespace

uint64_t bytecode_version() {
  static constexpr uint64_t kVersion = fnv1a(kOpcodeListText);
  return kVersion;
}

bool serialize_code_unit(const CodeUnit& unit, std::string* out) {
  Writer w(out);
  return write_unit(w, unit, 0);
}

std::shared_ptr<CodeUnit> deserialize_code_unit(std::string_view bytes) {
  Reader r(bytes);
  auto u = read_unit(r, 0);
  return (u != nullptr && r.at_end()) ? u : nullptr;
}

std::optional<SourceStamp> stamp_source(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  SourceStamp s;
  if (!path.empty() && path[0] == '/') {
    s.path = path;
  } else {
    char* cwd = ::getcwd(nullptr, 0);
    if (cwd == nullptr) return std::nullopt;
    s.path = std::string(cwd) + "/" + path;
    std::free(cwd);
  }
  s.size = static_cast<uint64_t>(st.st_size);
  s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return s;
}

std::string code_format_tag() {
  uint64_t h = bytecode_version() ^ (uint64_t{kFormat} * 0x9E3779B97F4A7C15ull);
  return fmt::format("{:08x}", static_cast<uint32_t>(h ^ (h >> 32)));
}

std::string code_cache_dir() {
  if (const char* d = std::getenv("MINIPY_CACHE_DIR"); d != nullptr && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/') return std::string(x) + "/minipy";
  if (const char* h = std::getenv("HOME"); h != nullptr && *h == '/') return std::string(h) + "/.cache/minipy";
  return {};
}

std::shared_ptr<CodeUnit> code_cache_load(const SourceStamp& stamp) {
  std::string path = entry_path(stamp);
  std::string data;
  if (path.empty() || !read_whole(path, &data)) return nullptr;
  Reader r(data);
  char magic[4];
  for (char& c : magic) c = static_cast<char>(r.u8());
  if (std::memcmp(magic, kMagic, 4) != 0 || r.u32() != kFormat || r.u64() != bytecode_version() ||
      r.u64() != stamp.size || static_cast<int64_t>(r.u64()) != stamp.mtime_ns || r.str() != stamp.path) {
    return nullptr;
  }
  uint64_t checksum = r.u64();
  uint64_t length = r.u64();
  std::string_view body = r.rest();
  if (!r.ok() || length != body.size() || fnv1a(body) != checksum) return nullptr;
  return deserialize_code_unit(body);
}

void code_cache_store(const SourceStamp& stamp, const CodeUnit& unit) {
  std::string body;
  if (!serialize_code_unit(unit, &body)) return;
  std::string path = entry_path(stamp);
  if (path.empty() || !make_dirs(code_cache_dir())) return;
  std::string data;
  Writer w(&data);
  for (char c : kMagic) w.u8(static_cast<uint8_t>(c));
  w.u32(kFormat);
  w.u64(bytecode_version());
  w.u64(stamp.size);
  w.u64(static_cast<uint64_t>(stamp.mtime_ns));
  w.str(stamp.path);
  w.u64(fnv1a(body));
  w.u64(body.size());
  data += body;
  // A unique temporary name, then an atomic rename: readers see the old entry or the new one.
  std::string tmp = path + "." + std::to_string(::getpid()) + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  bool ok = ::close(fd) == 0 && done == data.size();
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
}

}  // namespace minipy::vm
