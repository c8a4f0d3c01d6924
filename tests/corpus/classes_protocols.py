# __new__, in-place operators, reflected operators of a subclass, a base class changed after its
# subclass warmed up (version tags of subclasses invalidated), class methods and static methods
# through instances, descriptors written in Python.
class Money:
    def __new__(cls, cents):
        self = super().__new__(cls)
        self.cents = round(cents)
        return self
    def __iadd__(self, other):
        self.cents += other.cents if isinstance(other, Money) else other
        return self
    def __radd__(self, other):
        return Money(other + self.cents)
    def __repr__(self):
        return f"Money({self.cents})"

class Euro(Money):
    def __radd__(self, other):
        return Euro(other * 100 + self.cents)
    def __repr__(self):
        return f"Euro({self.cents})"

class Base:
    def size(self):
        return 1
class Leaf(Base):
    pass

class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive")
        setattr(obj, self.name, value)

class Box:
    width = Positive()
    count = 0
    def __init__(self, w):
        self.width = w
        Box.count += 1
    @classmethod
    def made(cls):
        return cls.count
    @staticmethod
    def unit():
        return "cm"

out = []
m = Money(10.4)
m += Money(5)
m += 3
out.append((m, 7 + Money(1), 2 + Euro(50), type(m).__name__))
leaves = [Leaf() for _ in range(20)]
out.append(sum(x.size() for x in leaves))
Base.size = lambda self: 2
out.append(sum(x.size() for x in leaves))
b = Box(3)
out.append((b.width, b._width, Box.made(), b.made(), b.unit(), Box.unit()))
try:
    b.width = -1
except ValueError as e:
    out.append(str(e))
out.append(isinstance(Box.__dict__ if False else Box.width, Positive))
# object.__ne__ called directly: the inverse of __eq__, NotImplemented where __eq__ is
class Plain:
    pass
pl = Plain()
out.append((object.__ne__(pl, pl), object.__ne__(pl, Plain()), pl != pl, pl != Plain()))
result = out
