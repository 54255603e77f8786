# _json: scanstring and encode_basestring(_ascii), the C speedups json.decoder/json.encoder use.
import json
import json.decoder
import json.encoder
import _json

print(json.decoder.scanstring is _json.scanstring, json.encoder.encode_basestring_ascii is _json.encode_basestring_ascii)
print(json.decoder.scanstring.__module__, _json.scanstring.__text_signature__)
for doc, end in (('"abc"', 1), ('x"a\\nb\\t\\"q\\"\\\\\\/"y', 2), ('"\\u00e9\\u20ac"', 1),
                 ('"\\ud834\\udd1e"', 1), ('"\\ud834x"', 1), ('"\\ud834\\u0041"', 1), ('""', 1),
                 ('"é€𝄞 ok"', 1), ('[1, "two"]', 5)):
    print(repr(_json.scanstring(doc, end)))
for doc in ('"abc', '"a\x01"', '"a\\q"', '"\\u12', '"\\uzzzz"', '"ab\\', '"\\ud834\\u00"',
            '"\\u1234', '"é\x02"'):
    try:
        _json.scanstring(doc, 1)
    except json.JSONDecodeError as e:
        print(repr(e.msg), e.pos, e.lineno, e.colno)
print(repr(_json.scanstring('"a\x01b"', 1, False)), repr(_json.scanstring('"a\tb"', 1, 0)))
for args in ((1, 1), ('a', 5), ('a', -1), ('a', 'x'), ('"a"',), ('"a"', 1, True, 4)):
    try:
        _json.scanstring(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
s = 'a\u00e9\U0001d11e"\\\n\r\t\b\f\x00\x1f\x7f /'
print(_json.encode_basestring_ascii(s))
print(_json.encode_basestring(s))
for f in (_json.encode_basestring_ascii, _json.encode_basestring):
    try:
        f(b'x')
    except TypeError as e:
        print(e)
print(json.dumps({'k': ['é', '\n', 'x\U0001F600']}), json.dumps('é', ensure_ascii=False))
print(json.loads('{"a": "\\u00e9\\n", "b": ["x\\ud83d\\ude00"]}'))
try:
    json.loads('{"a": "bad \\x"}')
except json.JSONDecodeError as e:
    print(e)
