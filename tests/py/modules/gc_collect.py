import gc
n = gc.collect()
print(isinstance(n, int), n >= 0)
class Node:
    def __init__(self):
        self.ref = self
for _ in range(100):
    Node()
print(gc.collect() >= 0)
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
