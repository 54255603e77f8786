// bytes and bytearray methods beyond the core.
#include "runtime/objects/bytes.h"

namespace minipy::rt {

void bytes_methods_init() {}

}  // namespace minipy::rt
