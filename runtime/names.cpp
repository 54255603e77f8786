// The interned names of names.def.
#include "runtime/names.h"

namespace minipy::rt::names {

#define NAME(ident, spelling) StrObject* ident;
#include "runtime/names.def"
#undef NAME

void init_names() {
#define NAME(ident, spelling) ident = intern(spelling);
#include "runtime/names.def"
#undef NAME
}

}  // namespace minipy::rt::names
