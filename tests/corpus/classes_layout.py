# Instances as CPython 3.14 lays them out: inline values under the class's shared keys, a dict
# once materialized, more attributes than the shared keys take, deletion, __slots__ beside a dict.
class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b

class Wide:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "f" + str(i), i)

class Mixed:
    __slots__ = ("s", "__dict__")
    def __init__(self):
        self.s = "slot"
        self.d = "dict"

out = []
p = Plain(1, 2)
out.append(vars(p))
p.c = 3
del p.a
out.append((p.__dict__, hasattr(p, "a")))
p.a = 10
out.append(list(p.__dict__))
q = Plain(5, 6)
q.__dict__["b"] = 60
q.extra = 7
out.append((q.b, q.extra, sorted(vars(q).items())))
w = Wide(40)
out.append((w.f0, w.f39, len(vars(w))))
m = Mixed()
out.append((m.s, m.d, vars(m)))
total = 0
for obj in [Plain(i, i) for i in range(30)] + [Wide(35) for i in range(3)]:
    total += getattr(obj, "a", 0) + getattr(obj, "f34", 0)
out.append(total)
result = out
