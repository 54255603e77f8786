# scanstring (the native inner loop of json.loads) walks the str from its start index: escapes,
# surrogate pairs, non-ASCII text and error positions as CPython.
import json
from json.decoder import scanstring
for doc in ['"a\\ud834\\udd1e b"', '"x\\ud834y"', '"\\ud834\\u0041"', '"é\\u00e9ü\\n"', '"\\ud834\\"', '"ab\\q"', '"\\u12"', '"abc', '"a\x01"', '["é", "ü\\t", {"k\\u00e9": "v"}]']:
    try:
        print(repr(json.loads(doc)))
    except ValueError as e:
        print(type(e).__name__, e)
print(scanstring('xx"é\\u00e9"yy', 3))
print(scanstring('"a\x01b"', 1, False))
# One scanstring call per string literal: each must cost its own length, not the document's
# (a whole-document decode per call made this 20,000-string document take minutes).
doc = json.dumps([{"name": "thread-%d" % i, "ph": "X"} for i in range(20000)])
print(len(json.loads(doc)))
