# The 3.11 int/str conversion limit (4300 digits by default): int(), str(), repr(), f-strings, '%d' and
# format() of big ints; power-of-two bases are exempt; sys.set_int_max_str_digits / get; int.as_integer_ratio.
import sys
print(sys.get_int_max_str_digits(), sys.flags.int_max_str_digits)
for f in (lambda: int('1' * 5000), lambda: str(10 ** 5000), lambda: repr(-10 ** 4300), lambda: f'{10 ** 5000}',
          lambda: '%d' % 10 ** 5000, lambda: format(10 ** 5000, ','), lambda: int('  ' + '1' * 4301 + '  '),
          lambda: int('1' * 4301, 7), lambda: int(b'2' * 4400), lambda: '{:d}'.format(10 ** 4400)):
    try:
        r = f()
        print('ok', len(r) if isinstance(r, str) else r.bit_length())
    except ValueError as e:
        print(e)
print(len(str(int('9' * 4300))), len(str(-int('9' * 4300))), len(str(10 ** 4299)), hex(10 ** 5000)[:6], int('f' * 5000, 16) > 0, int('0x' + 'f' * 5000, 0) > 0)
print(len(f'{10 ** 300:e}'), len('%x' % 10 ** 5000), format(10 ** 5000, 'b')[:3], int('1_2' * 2000) > 0)
for bad in (100, -1, 639):
    try:
        sys.set_int_max_str_digits(bad)
    except ValueError as e:
        print(e)
sys.set_int_max_str_digits(maxdigits=640)
print(sys.get_int_max_str_digits(), sys.flags.int_max_str_digits)
try:
    str(10 ** 640)
except ValueError as e:
    print(e)
print(len(str(10 ** 639)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 10000)), len(str(int('7' * 9000))))
print((3).as_integer_ratio(), (-10 ** 20).as_integer_ratio(), True.as_integer_ratio())
import math
print(math.floor(5), math.ceil(-5), math.trunc(7), (5).__floor__(), True.__trunc__(), (2**70).as_integer_ratio(), (5).__getnewargs__(), type(True.as_integer_ratio()[0]))
