print(chr(65), chr(97), chr(0x263A), chr(128512), ord('A'), ord('é'), ord('€'), ord('\n'))
print([ord(c) for c in "héllo"], ''.join(chr(c) for c in range(97, 102)))
print(hex(255), hex(-255), hex(0), hex(2 ** 64), oct(8), oct(-8), bin(10), bin(-10), bin(0))
print(hex(True), oct(2 ** 40), bin(255)[2:].zfill(12))
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
print(ord(b'a'), ord(chr(1000)) == 1000, chr(ord('a') + 1))
