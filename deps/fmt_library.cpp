// fmt's compiled part (vformat, vprint, the locale hooks), compiled into minipy from Debian's
// libfmt-dev headers instead of linking libfmt.so: that shared library needs libstdc++.so, whose
// ~4,300 symbol relocations the dynamic loader resolved at every start (deps/CMakeLists.txt).
// format-inl.h defines the non-template functions; the two locale templates that format.h
// declares without defining are instantiated here for char, the only character type minipy uses.
#include <fmt/format-inl.h>

namespace fmt::detail {
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template char decimal_point_impl<char>(locale_ref);
}  // namespace fmt::detail
