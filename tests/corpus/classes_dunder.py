class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        if not isinstance(o, Vec):
            return NotImplemented
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __bool__(self):
        return bool(self.x or self.y)
    def __iter__(self):
        yield self.x
        yield self.y
    def __format__(self, spec):
        return f"<{self.x:{spec}}, {self.y:{spec}}>"

class Stack:
    def __init__(self):
        self.items = []
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, v):
        return v in self.items
    def push(self, v):
        self.items.append(v)
        return self
    def __call__(self, *args):
        return sum(args) + len(self)

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n

a, b = Vec(1, 2), Vec(3, 4)
out = [a + b, b - a, a * 3, 2 * a, -a, a == Vec(1, 2), a != b, a < b, sorted([b, a, Vec(0, 9)]), abs(Vec(3, 4))]
out.append({a: 1, Vec(1, 2): 2})
out.append(len({a, b, Vec(3, 4)}))
out.append((bool(Vec(0, 0)), bool(a), list(a), f"{a:>3}", str(b), repr([a])))
try:
    a + 1
except TypeError as e:
    out.append(str(e))
try:
    a <= b
except TypeError as e:
    out.append(str(e))
s = Stack().push(1).push(2).push(3)
s[0] = 10
del s[1]
out.append((len(s), s[0], s[-1], 3 in s, 2 in s, list(s), s(1, 2), bool(Stack())))
out.append(list(Countdown(4)))
out.append(sum(Countdown(5)))
it = iter(Countdown(2))
out.append((next(it), next(it), next(it, "done")))
result = out
