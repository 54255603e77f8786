// Unit tests of declarative native signatures (runtime/objects/native_sig.h): the spec parser,
// __text_signature__ rendering, binding with CPython 3.11's messages for each calling style,
// defaults, NULL (absent) defaults, *args/**kwargs, and the converters' errors. Expected
// messages were taken from python3.11 calling the CPython function of the same shape.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"

namespace minipy::rt {
namespace {

class NativeSigTest : public ::testing::Test {
 protected:
  void SetUp() override { runtime_init(); }

  static std::unique_ptr<NativeSig> parse(const char* spec) {
    std::string error;
    auto sig = NativeSig::parse(spec, &error);
    EXPECT_TRUE(sig) << error;
    return sig;
  }

  /// Binds `args` (positional, then keyword values named by `kw`) and returns "" on success or
  /// "TypeName: message" of the raised exception.
  static std::string bind(const NativeSig& sig, std::vector<Value> args,
                          std::vector<const char*> kw = {}, NativeArgs* out = nullptr,
                          ArgSlot* slots = nullptr) {
    Ref kwnames;
    if (!kw.empty()) {
      std::vector<Ref> names;
      std::vector<Value> vals;
      for (const char* k : kw) names.push_back(Ref::new_ref(Value(intern(k))));
      for (auto& n : names) vals.push_back(n.get());
      kwnames = tuple_from(vals.data(), vals.size());
    }
    NativeArgs local;
    ArgSlot local_slots[NativeArgs::kMaxParams];
    bool ok = sig.bind(Value(), nullptr, args.data(), args.size() - kw.size(),
                       kwnames ? static_cast<TupleObject*>(kwnames.obj()) : nullptr,
                       out ? out : &local, slots ? slots : local_slots);
    if (ok) return "";
    Ref e = take_exception();
    Ref s = to_str(e.get());
    return type_name(e.get()) + ": " + std::string(as_str(s.get())->view());
  }
};

TEST_F(NativeSigTest, TextSignatureLeavesOutConvertersAndShowsNullAsUnrepresentable) {
  auto s = parse("pack_into($module, format, buffer: rwbuffer, offset: ssize_t, /, *args)");
  EXPECT_EQ(s->name(), "pack_into");
  EXPECT_EQ(s->text_signature(), "($module, format, buffer, offset, /, *args)");
  auto d = parse("pop($self, key, default=NULL, /)");
  EXPECT_EQ(d->text_signature(), "($self, key, default=<unrepresentable>, /)");
  auto k = parse("sorted($module, iterable, /, *, key=None, reverse=False)");
  EXPECT_EQ(k->text_signature(), "($module, iterable, /, *, key=None, reverse=False)");
  auto q = parse("split($self, /, sep=None, maxsplit=-1)");
  EXPECT_EQ(q->text_signature(), "($self, /, sep=None, maxsplit=-1)");
}

TEST_F(NativeSigTest, SysMaxsizeDefaultIsTheLargestSsize) {
  auto s = parse("index($self, v, start=0, stop=sys.maxsize, /)");
  EXPECT_EQ(s->text_signature(), "($self, v, start=0, stop=sys.maxsize, /)");
  NativeArgs out;
  EXPECT_EQ(bind(*s, {Value::from_small(1)}, {}, &out), "");
  int64_t stop = 0;
  ASSERT_TRUE(int_to_int64(out[2], &stop));
  EXPECT_EQ(stop, INT64_MAX);
}

TEST_F(NativeSigTest, MalformedSpecsAreRejected) {
  std::string error;
  EXPECT_FALSE(NativeSig::parse("f($module, a=1, b)", &error));
  EXPECT_NE(error.find("required positional"), std::string::npos);
  EXPECT_FALSE(NativeSig::parse("f($module, a: nosuch)", &error));
  EXPECT_FALSE(NativeSig::parse("f($module, a, a)", &error));
  EXPECT_FALSE(NativeSig::parse("f($module, **kw, a)", &error));
  EXPECT_FALSE(NativeSig::parse("f $module", &error));
  EXPECT_FALSE(NativeSig::parse("f($module, x: int = 'a')", &error)) << "a default must convert";
}

TEST_F(NativeSigTest, NoArgsAndOneArgUseTheQualifiedNameLikeMethNoargsAndMethO) {
  auto none = parse("getrecursionlimit($module, /)");
  EXPECT_EQ(none->style(), NativeSig::Style::kNoArgs);
  EXPECT_EQ(bind(*none, {Value::from_small(1)}),
            "TypeError: getrecursionlimit() takes no arguments (1 given)");
  auto one = parse("len($module, obj, /)");
  EXPECT_EQ(one->style(), NativeSig::Style::kOneArg);
  EXPECT_EQ(bind(*one, {}), "TypeError: len() takes exactly one argument (0 given)");
  EXPECT_EQ(bind(*one, {Value::from_small(1), Value::from_small(2)}),
            "TypeError: len() takes exactly one argument (2 given)");
  EXPECT_EQ(bind(*one, {Value::from_small(1)}, {"obj"}),
            "TypeError: len() takes no keyword arguments");
  EXPECT_EQ(bind(*one, {Value::from_small(1)}), "");
}

TEST_F(NativeSigTest, PositionalOnlyFunctionsReportLikeCheckPositional) {
  auto pow = parse("pow($module, x: double, y: double, /)");
  EXPECT_EQ(pow->style(), NativeSig::Style::kPositional);
  EXPECT_EQ(bind(*pow, {Value::from_small(1)}), "TypeError: pow expected 2 arguments, got 1");
  EXPECT_EQ(bind(*pow, {Value::from_small(1), Value::from_small(2), Value::from_small(3)}),
            "TypeError: pow expected 2 arguments, got 3");
  auto ga = parse("getattr($module, object, name, default=NULL, /)");
  EXPECT_EQ(bind(*ga, {Value::from_small(1)}),
            "TypeError: getattr expected at least 2 arguments, got 1");
  EXPECT_EQ(bind(*ga, {Value::from_small(1), Value::from_small(1), Value::from_small(1),
                       Value::from_small(1)}),
            "TypeError: getattr expected at most 3 arguments, got 4");
  NativeArgs a;
  EXPECT_EQ(bind(*ga, {Value::from_small(1), Value::from_small(2)}, {}, &a), "");
  EXPECT_FALSE(a.given(2)) << "a NULL default leaves the argument absent";
}

TEST_F(NativeSigTest, ParseTupleStyleCountsLikeGetargs) {
  auto gm = parse("gmtime($module, seconds=NULL, /)");
  gm->use_parse_tuple_messages();
  Value one = Value::from_small(1);
  EXPECT_EQ(bind(*gm, {one, one}), "TypeError: gmtime() takes at most 1 argument (2 given)");
  EXPECT_EQ(bind(*gm, {one}, {"seconds"}), "TypeError: gmtime() takes no keyword arguments");
  auto sf = parse("strftime($module, format: str, tuple=NULL, /)");
  sf->use_parse_tuple_messages();
  EXPECT_EQ(bind(*sf, {}), "TypeError: strftime() takes at least 1 argument (0 given)");
  EXPECT_EQ(bind(*sf, {one}), "TypeError: strftime() argument 1 must be str, not int");
}

TEST_F(NativeSigTest, KeywordFunctionsReportLikeUnpackKeywords) {
  auto isclose = parse(
      "isclose($module, /, a: double, b: double, *, rel_tol: double = 1e-09, abs_tol: double = "
      "0.0)");
  EXPECT_EQ(isclose->style(), NativeSig::Style::kKeywords);
  Value one = Value::from_small(1);
  EXPECT_EQ(bind(*isclose, {one}), "TypeError: isclose() missing required argument 'b' (pos 2)");
  EXPECT_EQ(bind(*isclose, {one, one, one}),
            "TypeError: isclose() takes exactly 2 positional arguments (3 given)");
  EXPECT_EQ(bind(*isclose, {one, one}, {"b"}), "") << "isclose(1, b=1)";
  EXPECT_EQ(bind(*isclose, {one, one, one}, {"b"}),
            "TypeError: argument for isclose() given by name ('b') and position (2)");
  EXPECT_EQ(bind(*isclose, {one, one, one}, {"nope"}),
            "TypeError: 'nope' is an invalid keyword argument for isclose()");
  Ref s = str_new("x");
  EXPECT_EQ(bind(*isclose, {one, one, s.get()}, {"rel_tol"}),
            "TypeError: must be real number, not str");
  NativeArgs a;
  ArgSlot slots[NativeArgs::kMaxParams];
  Ref half = float_new(0.5);
  EXPECT_EQ(bind(*isclose, {one, half.get()}, {}, &a, slots), "");
  EXPECT_EQ(a.f64(1), 0.5);
  EXPECT_EQ(a.f64(2), 1e-09) << "typed defaults are converted once at parse time";

  auto uf = parse("unpack_from($module, format, /, buffer: buffer, offset: ssize_t = 0)");
  EXPECT_EQ(bind(*uf, {one, one, one, one}),
            "TypeError: unpack_from() takes at most 3 arguments (4 given)");
  EXPECT_EQ(bind(*uf, {one}, {"format"}),
            "TypeError: unpack_from() takes at least 1 positional argument (0 given)");
  Ref b = bytes_new("abc");
  EXPECT_EQ(bind(*uf, {one, b.get(), one}, {"format"}),
            "TypeError: 'format' is an invalid keyword argument for unpack_from()");
  EXPECT_EQ(bind(*uf, {one, s.get()}), "TypeError: a bytes-like object is required, not 'str'");
  EXPECT_EQ(bind(*uf, {one, b.get(), s.get()}),
            "TypeError: 'str' object cannot be interpreted as an integer");
  auto kwonly = parse("f($module, *, a, b=1)");
  EXPECT_EQ(bind(*kwonly, {one}), "TypeError: f() takes no positional arguments");
  EXPECT_EQ(bind(*kwonly, {}), "TypeError: f() missing required argument 'a' (pos 1)");
  EXPECT_EQ(bind(*kwonly, {one, one, one}, {"a", "b", "c"}),
            "TypeError: f() takes at most 2 keyword arguments (3 given)");
}

TEST_F(NativeSigTest, VarargsAndKwargsCollectTheRest) {
  auto p = parse("print($module, *args, sep=' ', end='\\n', file=None, flush=False)");
  Value one = Value::from_small(1);
  NativeArgs a;
  EXPECT_EQ(bind(*p, {one, one, one, one}, {"end"}, &a), "");
  EXPECT_EQ(a.varargs().size(), 3u);
  EXPECT_TRUE(is_int(a[1]));
  EXPECT_EQ(as_str(a[0])->view(), " ");
  auto d = parse("dict_like($module, *args, **kwargs)");
  NativeArgs b;
  EXPECT_EQ(bind(*d, {one, one, one}, {"x", "y"}, &b), "");
  ASSERT_NE(b.kwargs(), nullptr);
  EXPECT_EQ(dict_size(b.kwargs()), 2u);
  EXPECT_EQ(b.varargs().size(), 1u);
}

TEST_F(NativeSigTest, ConvertersNameTheArgumentAsArgumentClinicDoes) {
  auto intern_sig = parse("intern($module, string: str, /)");
  Value one = Value::from_small(1);
  EXPECT_EQ(bind(*intern_sig, {one}), "TypeError: intern() argument must be str, not int");
  auto two = parse("f($module, a: str, b: str, /)");
  Ref s = str_new("x");
  EXPECT_EQ(bind(*two, {s.get(), None()}), "TypeError: f() argument 2 must be str, not None");
  auto kw = parse("f($module, a: str)");
  EXPECT_EQ(bind(*kw, {one}), "TypeError: f() argument 'a' must be str, not int");
  auto rl = parse("setrecursionlimit($module, new_limit: int, /)");
  EXPECT_EQ(bind(*rl, {s.get()}), "TypeError: 'str' object cannot be interpreted as an integer");
  Ref f = float_new(1.5);
  EXPECT_EQ(bind(*rl, {f.get()}), "TypeError: 'float' object cannot be interpreted as an integer");
  Ref big = int_from_string("99999999999", 10);
  EXPECT_EQ(bind(*rl, {big.get()}), "OverflowError: Python int too large to convert to C int");
  auto pi = parse("pack_into($module, format, buffer: rwbuffer, offset: ssize_t, /, *args)");
  Ref b = bytes_new("abcd");
  EXPECT_EQ(bind(*pi, {one, b.get(), one}),
            "TypeError: pack_into() argument 2 must be read-write bytes-like object, not bytes");
  Ref ba = bytearray_new("abcd");
  NativeArgs a;
  ArgSlot slots[NativeArgs::kMaxParams];
  EXPECT_EQ(bind(*pi, {one, ba.get(), one}, {}, &a, slots), "");
  EXPECT_EQ(a.wbytes(1).size(), 4u);
  EXPECT_EQ(a.i64(2), 1);
}

TEST_F(NativeSigTest, PathConverterAcceptsStrBytesAndFdsWithOsMessages) {
  auto stat = parse("stat($module, path: path_fd, *, dir_fd=None, follow_symlinks: bool = True)");
  Ref f = float_new(1.0);
  EXPECT_EQ(bind(*stat, {f.get()}),
            "TypeError: stat: path should be string, bytes, os.PathLike or integer, not float");
  auto ld = parse("listdir($module, path: path_fd? = None)");
  EXPECT_EQ(
      bind(*ld, {f.get()}),
      "TypeError: listdir: path should be string, bytes, os.PathLike, integer or None, not float");
  NativeArgs a;
  ArgSlot slots[NativeArgs::kMaxParams];
  EXPECT_EQ(bind(*ld, {None()}, {}, &a, slots), "");
  EXPECT_FALSE(a.given(0)) << "None under '?' means absent";
  auto plain = parse("mkdir($module, path: path, mode: int = 511)");
  Ref nul = str_new(std::string("a\0b", 3));
  EXPECT_EQ(bind(*plain, {nul.get()}), "ValueError: embedded null byte");
  Ref nulb = bytes_new(std::string("a\0b", 3));
  EXPECT_EQ(bind(*plain, {nulb.get()}), "ValueError: mkdir: embedded null character in path");
  EXPECT_EQ(bind(*plain, {Value::from_small(3)}),
            "TypeError: mkdir: path should be string, bytes or os.PathLike, not int");
  Ref bp = bytes_new("/tmp");
  NativeArgs c;
  ArgSlot cs[NativeArgs::kMaxParams];
  EXPECT_EQ(bind(*plain, {bp.get()}, {}, &c, cs), "");
  EXPECT_EQ(c.str(0), "/tmp");
  EXPECT_TRUE(c.path_is_bytes(0));
  EXPECT_EQ(c.i32(1), 511);
  NativeArgs d;
  ArgSlot ds[NativeArgs::kMaxParams];
  EXPECT_EQ(bind(*stat, {Value::from_small(7)}, {}, &d, ds), "");
  EXPECT_TRUE(d.path_is_fd(0));
  EXPECT_EQ(d.i32(0), 7);
  EXPECT_TRUE(d.flag(2));
}

TEST_F(NativeSigTest, DeclaredFunctionsCarryTextSignatureAndBindMethods) {
  static const NativeDef kDef = {"twice($module, x: ssize_t, /)", [](Value, NativeArgs& a) -> Ref {
                                   return int_from_int64(a.i64(0) * 2);
                                 }};
  Ref f = native_function_from_def(kDef, Value());
  Value arg = Value::from_small(21);
  Ref r = call(f.get(), &arg, 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r.get().small(), 42);
  Ref ts = getattr(f.get(), "__text_signature__");
  ASSERT_TRUE(ts);
  EXPECT_EQ(as_str(ts.get())->view(), "($module, x, /)");
  EXPECT_EQ(native_sig_of(kDef), native_sig_of(kDef)) << "parsed once";
}

}  // namespace
}  // namespace minipy::rt
