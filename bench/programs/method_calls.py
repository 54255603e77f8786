# Objects, methods, attributes, a small class hierarchy, super(), properties.


class Shape:
    def __init__(self, name):
        self.name = name
        self.hits = 0

    def area(self):
        return 0

    def touch(self):
        self.hits += 1
        return self.hits


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    @property
    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"

    def area(self):
        return super().area()


class Circle(Shape):
    def __init__(self, r):
        Shape.__init__(self, "circle")
        self.r = r

    def area(self):
        return 3 * self.r * self.r

    @staticmethod
    def unit():
        return Circle(1)

    @classmethod
    def named(cls, r):
        return cls(r)


class Counter:
    __slots__ = ("n",)

    def __init__(self):
        self.n = 0

    def add(self, k):
        self.n += k
        return self


def main():
    shapes = []
    for i in range(300):
        shapes.append(Rect(i % 7 + 1, i % 5 + 1))
        shapes.append(Square(i % 9 + 1))
        shapes.append(Circle.named(i % 4 + 1))
    shapes.append(Circle.unit())
    c = Counter()
    total = 0
    for rnd in range(2000):
        for s in shapes:
            total += s.area()
            s.touch()
            c.add(1)
        total += shapes[rnd % 300].perimeter if isinstance(shapes[rnd % 300], Rect) else 0
    names = {}
    for s in shapes:
        names[s.name] = names.get(s.name, 0) + s.hits
    print("method_calls", total, c.n, sorted(names.items()))


main()
