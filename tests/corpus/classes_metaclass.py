# Metaclasses: a __new__ with keywords, methods and a property of the metaclass on its classes,
# a __call__ override that calls super().__call__, type(name, bases, ns) with a base whose metaclass wins.
class Registry(type):
    classes = []
    def __new__(mcls, name, bases, ns, tag="plain"):
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = tag
        Registry.classes.append(name)
        return cls
    def describe(cls):
        return f"{cls.__name__}:{cls.tag}"
    @property
    def upper(cls):
        return cls.__name__.upper()

class Base(metaclass=Registry):
    limit = 3
    def __init__(self, v):
        self.v = v

class Child(Base, tag="child"):
    pass

class Counting(type):
    calls = 0
    def __call__(cls, *args):
        Counting.calls += 1
        return super().__call__(*args)

class Point(metaclass=Counting):
    def __init__(self, x):
        self.x = x

def site(c):
    return c.limit

warm = [site(Child) for i in range(20)]
ps = [Point(i).x for i in range(5)]
result = (Registry.classes, Base.describe(), Child.describe(), Child.upper, type(Child).__name__,
          isinstance(Child, Registry), sum(warm), ps, Counting.calls, repr(Child), Child(4).v,
          type("Dyn", (Base,), {}).tag)
