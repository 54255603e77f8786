// The compiled-code cache (see code_cache.h for where entries live and why they can be trusted).
#include "vm/code_cache.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "runtime/hash.h"
#include "vm/opcode.h"

namespace minipy::vm {

// The compiler's fingerprint: generated at build time (vm/CMakeLists.txt) from the sources of
// the lexer, parser and compiler and of this file, so that a change of what the compiler emits or
// of the layout written below changes code_format_version() without anyone remembering to bump it.
extern const uint64_t kCompilerFingerprint;

namespace {

// The static_asserts make a change of CodeUnit or Constant (a new field) fail to compile here
// until this file is taught the field.
static_assert(sizeof(CodeUnit) == 320, "CodeUnit changed: serialise the new field");
static_assert(sizeof(Constant) == 104, "Constant changed: serialise the new field");

constexpr int kMaxConstDepth = 64;  // tuples of tuples / code in code: far beyond real programs

constexpr uint64_t fnv1a(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// Every field of the one opcode list, as text: any edit of the instruction set changes it.
constexpr std::string_view kOpcodeListText =
#define OPCODE(name, operand, pops, pushes, flags) \
#name "|" #operand "|" #pops "|" #pushes "|" #flags ";"
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
  return u.max_stack >= 0 && u.max_stack < (1 << 20) && u.argcount >= 0 && u.posonlyargcount >= 0 &&
         u.kwonlyargcount >= 0 &&
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

// ---------------------------------------------------------------- .pyc files

void put_le32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; i++) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint32_t get_le32(std::string_view in, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}

/// importlib's _imp.source_hash(_RAW_MAGIC_NUMBER, source): SipHash-1-3 keyed by the magic number.
uint64_t pyc_source_hash(std::string_view source) {
  return rt::siphash13(kPycMagic, 0, source.data(), source.size());
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

/// Creates the directories above `file` as importlib's set_data does (mode 0777 less the umask).
bool make_parent_dirs(const std::string& file) {
  for (size_t i = 1; i < file.size(); i++) {
    if (file[i] != '/') continue;
    std::string part = file.substr(0, i);
    if (::mkdir(part.c_str(), 0777) != 0 && errno != EEXIST) return false;
  }
  return true;
}

/// importlib's _path_join: non-empty parts, each without trailing '/', joined by '/'.
std::string path_join(std::initializer_list<std::string_view> parts) {
  std::string out;
  bool first = true;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    while (!p.empty() && p.back() == '/') p.remove_suffix(1);
    if (!first) out += '/';
    out += p;
    first = false;
  }
  return out;
}

}  // namespace

uint64_t code_format_version() {
  static constexpr uint64_t kOpcodes = fnv1a(kOpcodeListText);
  return kOpcodes ^ (kCompilerFingerprint * 0x9E3779B97F4A7C15ull);
}

std::string code_format_tag() {
  uint64_t h = code_format_version();
  return fmt::format("{:08x}", static_cast<uint32_t>(h ^ (h >> 32)));
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

bool marshal_code_unit(const CodeUnit& unit, std::string* out) {
  std::string body;
  if (!serialize_code_unit(unit, &body) || body.size() > 0x7FFFFFFF) return false;
  uint64_t version = code_format_version();
  out->push_back(kMarshalCodeType);
  put_le32(out, static_cast<uint32_t>(version));
  put_le32(out, static_cast<uint32_t>(version >> 32));
  put_le32(out, static_cast<uint32_t>(body.size()));
  *out += body;
  return true;
}

std::string default_pycache_prefix() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/')
    return std::string(x) + "/minipy";
  if (const char* h = std::getenv("HOME"); h != nullptr && *h == '/')
    return std::string(h) + "/.cache/minipy";
  return {};
}

std::string pyc_path_for(const std::string& source, const std::optional<std::string>& prefix,
                         int optimize) {
  size_t slash = source.rfind('/');
  std::string head = slash == std::string::npos ? std::string() : source.substr(0, slash);
  std::string_view tail = slash == std::string::npos ? std::string_view(source)
                                                     : std::string_view(source).substr(slash + 1);
  size_t dot = tail.rfind('.');
  std::string file(dot == std::string::npos || dot == 0 ? tail : tail.substr(0, dot));
  file += ".minipy-311-" + code_format_tag();
  if (optimize > 0) file += ".opt-" + std::to_string(optimize);
  file += ".pyc";
  if (!prefix) return path_join({head, "__pycache__", file});
  if (head.empty() || head[0] != '/') {
    char* cwd = ::getcwd(nullptr, 0);
    if (cwd == nullptr) return {};
    head = path_join({cwd, head});
    std::free(cwd);
  }
  size_t lead = head.find_first_not_of('/');
  return path_join(
      {*prefix,
       lead == std::string::npos ? std::string_view() : std::string_view(head).substr(lead), file});
}

std::shared_ptr<CodeUnit> pyc_load(const std::string& pyc, std::string_view source) {
  std::string data;
  if (pyc.empty() || !read_whole(pyc, &data)) return nullptr;
  // Header: magic, flags (bit 0: hash-based), then the source's hash; then the marshalled code.
  constexpr size_t kHeader = 16, kCodeHeader = 13;
  if (data.size() < kHeader + kCodeHeader || get_le32(data, 0) != kPycMagic ||
      (get_le32(data, 4) & 1) == 0)
    return nullptr;
  uint64_t hash = get_le32(data, 8) | uint64_t{get_le32(data, 12)} << 32;
  if (hash != pyc_source_hash(source)) return nullptr;
  std::string_view code = std::string_view(data).substr(kHeader);
  uint64_t version = get_le32(code, 1) | uint64_t{get_le32(code, 5)} << 32;
  // marshal may flag the object for back-references (bit 7 of the type code).
  if ((code[0] & 0x7F) != kMarshalCodeType || version != code_format_version() ||
      get_le32(code, 9) != code.size() - kCodeHeader) {
    return nullptr;
  }
  return deserialize_code_unit(code.substr(kCodeHeader));
}

void pyc_store(const std::string& pyc, std::string_view source, const CodeUnit& unit) {
  if (pyc.empty()) return;
  std::string data;
  put_le32(&data, kPycMagic);
  put_le32(&data, 0b11);  // hash-based, check_source: importlib checks it against the source too
  uint64_t hash = pyc_source_hash(source);
  put_le32(&data, static_cast<uint32_t>(hash));
  put_le32(&data, static_cast<uint32_t>(hash >> 32));
  if (!marshal_code_unit(unit, &data) || !make_parent_dirs(pyc)) return;
  // A unique temporary name, then an atomic rename: readers see the old entry or the new one.
  std::string tmp = pyc + "." + std::to_string(::getpid()) + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return;
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  bool ok = ::close(fd) == 0 && done == data.size();
  if (!ok || ::rename(tmp.c_str(), pyc.c_str()) != 0) ::unlink(tmp.c_str());
}

}  // namespace minipy::vm
