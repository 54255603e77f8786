// Constant equality for the compiler's constant-table de-duplication (vm/code_unit.h).
// Kinds must match exactly (True is not 1, 1 is not 1.0); floats compare by bit pattern so that
// 0.0 and -0.0 stay distinct and a NaN constant is equal to itself; code objects by identity.
#include <cstring>

#include "vm/code_unit.h"

namespace minipy::vm {

bool Constant::operator==(const Constant& o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::None:
    case Kind::True:
    case Kind::False:
    case Kind::Ellipsis:
      return true;
    case Kind::Int:
      return int_value == o.int_value;
    case Kind::BigInt:
    case Kind::Str:
    case Kind::Bytes:
      return text == o.text;
    case Kind::Float:
      return std::memcmp(&float_value, &o.float_value, sizeof(double)) == 0;
    case Kind::Complex:
      return std::memcmp(&float_value, &o.float_value, sizeof(double)) == 0 &&
             std::memcmp(&imag_value, &o.imag_value, sizeof(double)) == 0;
    case Kind::Tuple:
    case Kind::FrozenSet:
      return items == o.items;
    case Kind::Code:
      return code == o.code;
  }
  return false;
}

}  // namespace minipy::vm
