class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __len__(self):
        return self.w * self.h
    def __getitem__(self, key):
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"cell {key} out of range")
        return self.cells.get(key, '.')
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, value):
        return value in self.cells.values()
g = Grid(3, 2)
g[0, 0] = 'X'
g[2, 1] = 'O'
print(len(g), g[0, 0], g[1, 1], 'X' in g, 'Z' in g, 'Z' not in g)
del g[0, 0]
print(g[0, 0], 'X' in g)
try:
    g[5, 5]
except IndexError as e:
    print("IndexError:", e)
class Seq:
    def __getitem__(self, i):
        if isinstance(i, slice):
            return ("slice", i.start, i.stop, i.step)
        return i * 2
s = Seq()
print(s[3], s[1:5], s[::2], s[-1])
