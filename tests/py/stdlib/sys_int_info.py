# sys.int_info: a struct sequence of four fields (bits_per_digit is the implementation's own
# digit size: CPython's 30, minipy's 32-bit limbs), and the int/str limit's defaults.
import sys

ii = sys.int_info
print(type(ii).__name__, len(ii), ii.n_fields, ii.n_sequence_fields)
print(ii.sizeof_digit, ii.default_max_str_digits, ii.str_digits_check_threshold)
print(ii.bits_per_digit in (15, 30, 32), ii.bits_per_digit <= 8 * ii.sizeof_digit)
print(ii[2:], ii.default_max_str_digits == sys.get_int_max_str_digits())
SHIFT = ii.bits_per_digit
print((1 << SHIFT) * (1 << SHIFT) == 1 << (2 * SHIFT))
