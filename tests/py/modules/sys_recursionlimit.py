import sys
print(sys.getrecursionlimit())
def depth(n):
    return n if n == 0 else depth(n - 1)
print(depth(900))
try:
    def forever(n):
        return forever(n + 1)
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
print("recovered after RecursionError", depth(10))
