class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return f"{self.name} makes a sound"
    def describe(self):
        return f"{self.name} is an {self.kind}: {self.speak()}"

class Dog(Animal):
    kind = "dog"
    def __init__(self, name, tricks=()):
        super().__init__(name)
        self.tricks = list(tricks)
    def speak(self):
        return f"{self.name} barks"

class Puppy(Dog):
    def speak(self):
        return super().speak() + " softly"

class A:
    def who(self): return ["A"]
class B(A):
    def who(self): return ["B"] + super().who()
class C(A):
    def who(self): return ["C"] + super().who()
class D(B, C):
    def who(self): return ["D"] + super().who()

pets = [Animal("generic"), Dog("rex", ["sit"]), Puppy("bit")]
out = [p.describe() for p in pets]
out.append(Animal.count)
out.append([t.__name__ for t in D.__mro__])
out.append(D().who())
out.append((isinstance(pets[2], Dog), isinstance(pets[1], Puppy), issubclass(Puppy, Animal), issubclass(Animal, (Dog, object))))
out.append(type(pets[1]).__name__)
out.append(pets[1].tricks)
out.append(Dog.kind + Puppy.kind + Animal.kind)
result = out
