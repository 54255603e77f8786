// The builtin functions beyond print (len, range helpers, sorted, min/max, ...).
#include "runtime/objects/dict.h"

namespace minipy::lib {

void builtins_more_init(rt::DictObject* b) {}

}  // namespace minipy::lib
