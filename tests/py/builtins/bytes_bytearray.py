b = bytes([65, 66, 67])
print(b, bytes(3), bytes(b"x"), bytes("héllo", "utf-8"), bytes(range(5)))
print(b[0], b[1:], b * 2, b + b"D", b"B" in b, 67 in b, len(b))
print(list(b), b.hex(), bytes.fromhex("4142 43"), b.decode(), b.lower())
ba = bytearray(b"hello")
ba[0] = 72
ba.append(33)
ba.extend(b"??")
print(ba, len(ba), ba.pop(), ba)
ba[1:3] = b"EY"
print(ba, bytes(ba), ba.decode())
print(bytearray(3), bytearray([1, 2]), bytearray("ab", "ascii"))
print(b == bytes(b), b"abc" < b"abd", b"a" * 0, bytes() == b"")
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
print(repr(bytes([0, 9, 10, 13, 39, 92, 127, 128, 255])))
