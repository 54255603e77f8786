// Interned names from runtime/names.def: `names::init` is the immortal str "__init__".
#pragma once

#include "runtime/objects/str.h"

namespace minipy::rt::names {
#define NAME(ident, spelling) extern StrObject* ident;
#include "runtime/names.def"
#undef NAME
void init_names();
}  // namespace minipy::rt::names
