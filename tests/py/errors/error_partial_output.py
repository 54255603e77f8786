import sys
for i in range(3):
    print("line", i)
print("warning on stderr", file=sys.stderr)
raise SystemError("custom system error") if False else LookupError("final lookup failure")
