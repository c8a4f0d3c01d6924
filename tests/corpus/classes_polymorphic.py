class T:
    def __init__(self, n): self.n = n
    def f(self, x): return x + self.n
    def g(self, x): return self.f(x)
class A(T): pass
class B(T): pass
xs = [A(1), B(2), A(3), B(4)] * 30
result = sum(t.g(i) for i, t in enumerate(xs))
