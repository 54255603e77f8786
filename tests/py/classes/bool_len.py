class Empty:
    def __len__(self): return 0
class Full:
    def __len__(self): return 3
class Truthy:
    def __bool__(self): return True
    def __len__(self): return 0
class Plain: pass
for o in (Empty(), Full(), Truthy(), Plain()):
    print(type(o).__name__, bool(o), "yes" if o else "no", not o)
print(len(Full()))
class BadLen:
    def __len__(self): return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
class BadBool:
    def __bool__(self): return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
class Wallet:
    def __init__(self, amount): self.amount = amount
    def __bool__(self): return self.amount > 0
w = Wallet(0)
print(w or "empty wallet", bool(Wallet(5)))
