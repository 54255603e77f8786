class Pizza:
    count = 0
    def __init__(self, toppings):
        self.toppings = toppings
        Pizza.count += 1
    @classmethod
    def margherita(cls):
        return cls(["mozzarella", "tomato"])
    @staticmethod
    def area(r):
        return round(3.14159 * r * r, 2)
    def __repr__(self):
        return f"{type(self).__name__}({self.toppings})"
class Special(Pizza):
    pass
print(Pizza.margherita(), Special.margherita())
print(Pizza.area(2), Pizza([]).area(1))
print(Pizza.count)
print(type(Pizza.__dict__['area']).__name__, type(Pizza.__dict__['margherita']).__name__)
class Registry:
    items = []
    @classmethod
    def add(cls, x):
        cls.items.append(x)
        return cls
Registry.add(1).add(2)
print(Registry.items)
