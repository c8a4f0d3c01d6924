class Temperature:
    scale = 1.8
    def __init__(self, celsius):
        self._c = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * self.scale + 32
    @staticmethod
    def freezing():
        return Temperature(0)
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) / cls.scale)

class Slotted:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x

t = Temperature(25)
out = [t.celsius, t.fahrenheit, Temperature.freezing().fahrenheit, round(Temperature.from_f(212).celsius, 6)]
t.celsius = 30
out.append(t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    out.append(str(e))
try:
    t.fahrenheit = 3
except AttributeError as e:
    out.append(str(e))
s = Slotted(3)
out.append(s.x)
try:
    s.y
except AttributeError as e:
    out.append(str(e))
try:
    s.z = 1
except AttributeError as e:
    out.append(str(e))
s.y = 9
out.append(s.x + s.y)
del s.x
out.append(hasattr(s, "x"))
class Counter:
    def __init__(self):
        self.a = 1
        self.b = 2
c = Counter()
c.c = 3
out.append(c.__dict__)
del c.a
out.append(vars(c))
out.append(getattr(c, "zz", "default"))
setattr(c, "zz", 5)
out.append(c.zz)
try:
    c.a
except AttributeError as e:
    out.append(str(e))
result = out
