def gen(n):
    for i in range(n):
        x = yield i
        if x:
            yield x * 10
def sub():
    yield 1
    r = yield 2
    return r
def deleg():
    v = yield from sub()
    yield ('got', v)
g = gen(3)
a = [next(g), g.send(5), next(g)]
d = deleg()
b = [next(d), next(d), d.send('hi')]
squares = sum(x * x for x in range(10))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
fs = []
for v in fib():
    if v > 50: break
    fs.append(v)
def ret():
    yield 1
    return 'done'
try:
    it = ret(); next(it); next(it)
except StopIteration as e:
    sv = e.value
result = (a, b, squares, fs, sv, list(gen(2)), tuple(x for x in 'ab'))
