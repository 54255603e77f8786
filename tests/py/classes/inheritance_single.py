class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def describe(self):
        return f"{self.name} is an {self.kind}: {self.speak()}"
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return f"{self.name} barks"
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + " softly"
for a in (Animal("generic"), Dog("rex"), Puppy("bit", 1)):
    print(a.describe())
p = Puppy("tiny", 2)
print(p.age, p.name, p.kind, Puppy.kind, Animal.kind)
print([c.__name__ for c in Puppy.__mro__])
print(Puppy.__bases__[0].__name__, Animal.__bases__[0].__name__)
print(isinstance(p, Animal), issubclass(Puppy, Animal), issubclass(Animal, Dog))
