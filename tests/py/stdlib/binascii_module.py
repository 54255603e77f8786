# binascii: hex with separators, base64 (strict mode's errors), quoted-printable (line lengths,
# trailing whitespace, header mode), uuencode, CRC-32 and CRC-CCITT, argument errors, and
# seeded round trips; expected output from CPython 3.11.
import binascii as b
import random

for n in sorted(dir(b)):
    if not n.startswith('_') and not isinstance(getattr(b, n), type):
        f = getattr(b, n)
        print(n, getattr(f, '__text_signature__', '-'))


def t(f):
    try:
        print(repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)


t(lambda: b.hexlify(b'\x01\xab', '-'))
t(lambda: b.hexlify(b'\x01\xab\xcd', b':', 2))
t(lambda: b.hexlify(b'\x01\xab\xcd', ':', -2))
t(lambda: b.hexlify(b'\x01\xab\xcd', '::'))
t(lambda: b.hexlify(b'\x01\xab\xcd', 1))
t(lambda: b.hexlify('x'))
t(lambda: b.hexlify(b'abc', 'x', 0))
t(lambda: b.hexlify(b'', '-'))
t(lambda: b.hexlify(b'abcde', '-', 10))
t(lambda: b.hexlify(b'abcde', bytes_per_sep=2))
t(lambda: b.hexlify(b'abcde', '-', 2**70))
t(lambda: b.b2a_hex(data=b'ab', sep=b'|'))
t(lambda: b.hexlify(bytearray(b'\xff\x00'), '.', 1))
t(lambda: b.unhexlify('0g'))
t(lambda: b.unhexlify('012'))
t(lambda: b.unhexlify('\xe9'))
t(lambda: b.unhexlify(1))
t(lambda: b.unhexlify(b'AbCd'))
t(lambda: b.a2b_hex(memoryview(b'00ff')))
for s in [b'YWJj\nZA==', b'YWJjZA=', b'YWJjZ', b'YW*JjZA==', b'=YWJj', b'YWJjZA==YQ', b'YWJjZ===',
          b'Y', b'YWJ=', b'YW==', b'YR==', b'', b'YQ', b'YQ=', b'YQ=x=', b'=====', b'YWJjZA===',
          b'YW Jj', b'YQ==\n', b'YQ==YQ==', b'YWJjZA==', b'YWJj=', b'YWJ=j', b'YWJjZA=\n=', b'=',
          b'\n', b'YW=Jj']:
    print(s, end=' ')
    t(lambda: b.a2b_base64(s, strict_mode=True))
    print(s, end=' ')
    t(lambda: b.a2b_base64(s))
t(lambda: b.a2b_base64('YWJj'))
t(lambda: b.a2b_base64(memoryview(b'YWJj')))
t(lambda: b.a2b_base64(bytearray(b'YWJj')))
t(lambda: b.b2a_base64(b'abcd'))
t(lambda: b.b2a_base64(b'abcd', newline=False))
t(lambda: b.b2a_base64(b''))
t(lambda: b.b2a_base64('x'))
t(lambda: b.crc32(b'hello'))
t(lambda: b.crc32(b'hello', 12345))
t(lambda: b.crc32(b'hello', -1))
t(lambda: b.crc32(b'hello', 2**40))
t(lambda: b.crc32('x'))
t(lambda: b.crc32(b'x', 1.5))
t(lambda: b.crc_hqx(b'hello', 0))
t(lambda: b.crc_hqx(b'hello', 0x1234567))
t(lambda: b.crc_hqx(b'hello'))
t(lambda: b.b2a_qp(b'hello = world\t\n foo\xff bar. \n.\nend  '))
t(lambda: b.b2a_qp(b'hello = world\t\n', quotetabs=True))
t(lambda: b.b2a_qp(b'a b_c', header=True))
t(lambda: b.b2a_qp(b'x' * 100))
t(lambda: b.b2a_qp(b'line\r\nline2\r\n'))
t(lambda: b.b2a_qp(b'\x00\x01abc', istext=False))
t(lambda: b.b2a_qp(b'From here\n.\n'))
t(lambda: b.b2a_qp(b'\t\n', quotetabs=True))
t(lambda: b.b2a_qp(b'abc\rdef'))
t(lambda: b.b2a_qp(b'abc\rdef', istext=False))
t(lambda: b.b2a_qp(b'a' * 74 + b'=b'))
t(lambda: b.b2a_qp(b'a' * 75 + b'\n'))
t(lambda: b.b2a_qp(b'a' * 76 + b'\r\n'))
t(lambda: b.b2a_qp(b'a \r\nb\r\n'))
t(lambda: b.b2a_qp(b'.'))
t(lambda: b.b2a_qp(b'a\n.\x00'))
t(lambda: b.a2b_qp(b'hello=20world=\nnext=3D=ZZ'))
t(lambda: b.a2b_qp(b'a_b=5f', header=True))
t(lambda: b.a2b_qp('abc=41'))
t(lambda: b.a2b_qp(b'abc=\r\ndef'))
t(lambda: b.a2b_qp(b'abc=4'))
t(lambda: b.a2b_qp(b'abc=a1'))
t(lambda: b.a2b_qp(b'a=\rb'))
t(lambda: b.a2b_qp(b'a=\r\r\nb'))
t(lambda: b.a2b_qp(b'a=='))
t(lambda: b.a2b_qp(b'a='))
t(lambda: b.b2a_uu(b'hello world'))
t(lambda: b.b2a_uu(b'hello world', backtick=True))
t(lambda: b.b2a_uu(b''))
t(lambda: b.b2a_uu(b'', backtick=True))
t(lambda: b.b2a_uu(b'x' * 46))
t(lambda: b.a2b_uu(b'+:&5L;&\\@=V]R;&0 \n'))
t(lambda: b.a2b_uu(b''))
t(lambda: b.a2b_uu(b'\n'))
t(lambda: b.a2b_uu(b'+:&5L;&\\@=V]R;&0 ~~~\n'))
t(lambda: b.a2b_uu(b'!80 \n'))
t(lambda: b.a2b_uu(b'!8`\n'))
t(lambda: b.a2b_uu(b'!\x7f\n'))
t(lambda: b.a2b_uu('!80'))
print(b.Error.__mro__, b.Incomplete.__mro__, b.Error.__module__)

r = random.Random(7)
for i in range(200):
    data = bytes(r.randrange(256) for _ in range(r.randrange(60)))
    assert b.a2b_base64(b.b2a_base64(data, newline=False), strict_mode=True) == data
    assert b.a2b_base64(b.b2a_base64(data)) == data
    assert b.unhexlify(b.hexlify(data)) == data
    assert b.a2b_qp(b.b2a_qp(data)) == data or b'\r' in data or b'\n' in data
    assert b.a2b_qp(b.b2a_qp(data, istext=False, quotetabs=True)) == data
    if len(data) <= 45:
        assert b.a2b_uu(b.b2a_uu(data, backtick=bool(i % 2))) == data
    print(b.crc32(data), b.crc_hqx(data, i), b.b2a_qp(data, header=bool(i % 3)))
