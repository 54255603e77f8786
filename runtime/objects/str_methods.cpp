// str methods and printf-style formatting (`'%d' % x`).
#include "runtime/errors.h"
#include "runtime/objects/native.h"
#include "runtime/objects/str.h"

namespace minipy::rt {

Ref str_mod(Value a, Value b) { return raise(&exc_NotImplementedError, "str % is not implemented yet"); }

void str_methods_init() {}

}  // namespace minipy::rt
