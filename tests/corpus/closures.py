def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter()
c(); c(5)
adders = [lambda x, i=i: x + i for i in range(3)]
def outer(a):
    def mid(b):
        def inner(c):
            return a + b + c
        return inner
    return mid
result = (c(), [f(10) for f in adders], outer(1)(2)(3), (lambda *a, **k: (a, k))(1, x=2))
