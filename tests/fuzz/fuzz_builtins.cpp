// libFuzzer target (issue 12): the runtime's parsers of untrusted text, reached the way a
// program reaches them. The first byte picks the entry point, the rest is the text (each byte
// one code point, so any input is a valid str) or the bytes:
//   int(s), int(s, 0), int(s, 16), float(s), format(x, s) for an int, a float and a str,
//   s.format(...), s % (...), s % {...}, bytes % (...), bytes.fromhex(s), pickle loads(b),
//   the string-literal escapes (compile(repr-less literal) via eval of b'...' text), the regex
//   compiler and matcher, struct formats, marshal and json loads, codec decoders and encoders,
//   the csv reader, binascii's decoders, unicodedata, raw _sre code, zlib decompression, array,
//   struct.pack, json round trips, str's Unicode-table methods, the native _pickle Unpickler.
// Every call must return or raise a Python exception; the exception is cleared and the next
// input runs on the same interpreter.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/registry.h"
#include "vm/interpreter.h"

using namespace minipy;

namespace {

// Each entry: a Python function of one argument, compiled once.
const char* const kEntries[] = {
    "lambda s: int(s)",
    "lambda s: int(s, 0)",
    "lambda s: int(s, 16)",
    "lambda s: float(s)",
    "lambda s: format(1234567, s)",
    "lambda s: format(-12.5e10, s)",
    "lambda s: format('abc', s)",
    "lambda s: s.format(1, 'a', 2.5, x=3, y=[1, 2])",
    "lambda s: s % (1, 'a', 2.5)",
    "lambda s: s % {'a': 1, 'b': 2.5}",
    "lambda s: s.encode('utf-8', 'surrogatepass') % (1, b'a', 2.5)",
    "lambda s: bytes.fromhex(s)",
    // CPython's pickle.py's own Unpickler (entry 36 is the native _pickle one); its find_class
    // refuses every global, so that no fuzzed input can name and call a function (os.system,
    // shutil.rmtree).
    "lambda s: type('U', (__import__('pickle')._Unpickler,), {'find_class': lambda self, m, n: "
    "(_ for _ in ()).throw(__import__('pickle').UnpicklingError('global %s.%s' % (m, n)))})"
    "(__import__('io').BytesIO(s.encode('latin-1'))).load()",
    "lambda s: eval(\"'\" + s.replace(\"'\", '') + \"'\")",
    "lambda s: eval(\"b'\" + s.replace(\"'\", '') + \"'\")",
    "lambda s: eval(\"f'\" + s.replace(\"'\", '') + \"'\", {'x': 1})",
    "lambda s: complex(s)",
    "lambda s: round(float.fromhex(s), 3)",
    // Entries are only appended: a seed's first byte keeps naming the same entry.
    // 18-19: the regex compiler, then a match of the text before the first NUL against the rest
    // (the subject is kept short: backtracking is exponential in CPython too).
    "lambda s: __import__('re').compile(s, __import__('re').S if s[:1] == 's' else 0)",
    "lambda s: (lambda p, t: __import__('re').search(p, t[:12]))(*(s.split('\\0', 1) + [''])[:2])",
    // 20-21: struct formats: the size, and unpacking a zero buffer.
    "lambda s: __import__('struct').calcsize(s)",
    "lambda s: __import__('struct').unpack_from(s, bytes(4096))",
    // 22-23: marshal and json loads.
    "lambda s: __import__('marshal').loads(s.encode('latin-1'))",
    "lambda s: __import__('json').loads(s)",
    // 24: a text codec's decoder, 25: a bytes-to-bytes codec, 26: an encoder; the first byte
    // picks the codec and the error handler.
    "lambda s: s[1:].encode('latin-1').decode(('utf-8', 'utf-16', 'utf-32', 'utf-7', "
    "'unicode_escape', 'raw_unicode_escape', 'latin-1', 'ascii', 'cp1252', 'utf-16-be', "
    "'utf-32-le', 'idna', 'punycode')[ord(s[:1] or 'a') % 13], ('strict', 'replace', 'ignore', "
    "'surrogateescape', 'backslashreplace')[ord(s[:1] or 'a') // 16 % 5])",
    "lambda s: __import__('codecs').decode(s[1:].encode('latin-1'), ('hex', 'base64', "
    "'unicode_escape', 'quopri', 'uu', 'zlib')[ord(s[:1] or 'a') % 6])",
    "lambda s: s[1:].encode(('utf-8', 'utf-16', 'utf-7', 'ascii', 'latin-1', 'cp1252', "
    "'unicode_escape', 'raw_unicode_escape', 'idna', 'punycode')[ord(s[:1] or 'a') % 10], "
    "('strict', 'replace', 'ignore', 'xmlcharrefreplace', 'backslashreplace', 'namereplace', "
    "'surrogatepass')[ord(s[:1] or 'a') // 16 % 7])",
    // 27: the csv reader, the first character picking the dialect's options.
    "lambda s: list(__import__('_csv').reader(s[1:].split('\\n'), delimiter=(',', ';', '\\t')"
    "[ord(s[:1] or 'a') % 3], quotechar=('\"', \"'\", None)[ord(s[:1] or 'a') // 3 % 3], "
    "escapechar=(None, '\\\\')[ord(s[:1] or 'a') // 9 % 2], quoting=ord(s[:1] or 'a') // 18 % 4, "
    "skipinitialspace=ord(s[:1] or 'a') > 100, strict=ord(s[:1] or 'a') % 2 == 1))",
    // 28: binascii's decoders.
    "lambda s: (lambda b, m: (m.a2b_base64(b), m.a2b_base64(b, strict_mode=True), m.a2b_qp(b), "
    "m.a2b_qp(b, header=True), m.a2b_uu(b), m.unhexlify(b))[ord(s[:1] or 'a') % 6])"
    "(s[1:].encode('latin-1'), __import__('binascii'))",
    // 29: unicodedata: normalization forms and name lookup.
    "lambda s: (lambda u: (u.normalize('NFC', s), u.normalize('NFKD', s), u.lookup(s), "
    "u.is_normalized('NFKC', s), u.ucd_3_2_0.normalize('NFD', s)))(__import__('unicodedata'))",
    // 30: _sre.compile of raw code words (two characters each: a + 128 * b, or 2**32 - 1 - b for
    // a >= 128, MAXREPEAT) and a search: the engine must refuse a malformed program, never read
    // outside it. The first character is the group count.
    "lambda s: __import__('_sre').compile('ab', 0, [ord(a) + 128 * ord(b) if ord(a) < 128 else "
    "0xFFFFFFFF - ord(b) "
    "for a, b in zip(s[1::2], s[2::2])], ord(s[:1] or 'a') % 4, {}, (None,) * (ord(s[:1] or 'a') % "
    "4 + 1))"
    ".search('aab' * 3)",
    // 31: zlib decompression with each window setting (zlib, raw, gzip, auto), whole and streamed.
    "lambda s: (lambda z, b, w: (z.decompress(b, w), z.decompressobj(w).decompress(b, 7), "
    "z.decompressobj(w, zdict=b'abc').flush()))(__import__('zlib'), s[1:].encode('latin-1'), "
    "(15, -15, 31, 47, 9, -9)[ord(s[:1] or 'a') % 6])",
    // 32: array: bytes in, items back out, for each typecode.
    "lambda s: (lambda a: (a.tolist(), a.tobytes(), a.byteswap()))(__import__('array').array("
    "'bBuhHiIlLqQfd'[ord(s[:1] or 'a') % 13], s[1:].encode('latin-1')[:len(s[1:]) & ~7]))",
    // 33: struct.pack of eight 1s: the format's counts, padding and each code's conversion errors.
    "lambda s: __import__('struct').pack(s, *([1] * 8))",
    // 34: json: loads then dumps with the C encoder's options.
    "lambda s: __import__('json').dumps(__import__('json').loads(s), sort_keys=True, indent=1, "
    "ensure_ascii=len(s) % 2 == 0)",
    // 35: str.translate, expandtabs, splitlines, title, casefold, the Unicode-table paths.
    "lambda s: (s.translate({ord(c): s[:3] for c in s[::2]}), s.expandtabs(len(s) % 9), "
    "s.splitlines(True), s.title(), s.casefold(), s.swapcase(), s.isidentifier(), s.isprintable())",
    // 36: the native _pickle.Unpickler (stdlib/native/pickle_load.cpp) over a file, find_class
    // refusing every global as in entry 12: GLOBAL, STACK_GLOBAL, INST and EXT* all go through
    // it, so no input reaches a callable.
    "lambda s: type('U', (__import__('_pickle').Unpickler,), {'find_class': lambda self, m, n: "
    "(_ for _ in ()).throw(__import__('pickle').UnpicklingError('global %s.%s' % (m, n)))})"
    "(__import__('io').BytesIO(s.encode('latin-1'))).load()",
};
constexpr size_t kNumEntries = sizeof(kEntries) / sizeof(kEntries[0]);
// Never destroyed: static destructors run after the collector's own statics at exit, and a
// decref then touched its freed tracking list (ASan: heap-use-after-free when a run ended).
rt::Ref* const g_funcs = new rt::Ref[kNumEntries];

bool init() {
  std::string error;
  if (!rt::hash_secret_init("0", &error)) std::abort();
  vm::vm_init();
  lib::stdlib_init();
  static rt::Ref globals = rt::dict_new();  // the builtins come from the interpreter, not from here
  for (size_t i = 0; i < kNumEntries; i++) {
    rt::Ref code = vm::compile_source(kEntries[i], "<fuzz>", "eval");
    if (!code) std::abort();
    g_funcs[i] = vm::run_code(code.get(), rt::as_dict(globals.get()), nullptr);
    if (!g_funcs[i]) rt::clear_exception();  // an entry the build lacks (complex): skipped
  }
  return true;
}

// MINIPY_FUZZ_ONLY=22,12 (entry numbers, comma-separated) confines a run to those entries: the
// first byte then picks among them. A focused run on one parser reaches depth sooner.
std::vector<size_t> g_only;

void read_only_list() {
  const char* only = std::getenv("MINIPY_FUZZ_ONLY");
  if (only == nullptr) return;
  for (const char* p = only; *p;) {
    char* end;
    unsigned long n = std::strtoul(p, &end, 10);
    if (end == p) break;
    if (n < kNumEntries) g_only.push_back(n);
    p = *end == ',' ? end + 1 : end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool ready = (read_only_list(), init());
  (void)ready;
  if (size == 0) return 0;
  size_t entry = g_only.empty() ? data[0] % kNumEntries : g_only[data[0] % g_only.size()];
  rt::Ref& f = g_funcs[entry];
  if (!f) return 0;
  std::string text;  // Latin-1 bytes as UTF-8: always a valid str
  for (size_t i = 1; i < size; i++) rt::utf8_append(text, data[i]);
  rt::Ref s = rt::str_new(std::move(text));
  rt::Value arg = s.get();
  rt::Ref r = rt::call(f.get(), &arg, 1, nullptr);
  if (!r) rt::clear_exception();
  return 0;
}
