def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
def g(x, y, /, z=0):
    return x + y + z
out = [f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(a=1, c=2, d=3), g(1, 2), g(1, 2, z=3)]
errors = []
for call in [lambda: f(), lambda: f(1), lambda: g(1), lambda: g(1, y=2), lambda: g(1, 2, 3, 4),
             lambda: f(1, c=1, a=2), lambda: f(1, c=1, zz=3) if False else g(1, 2, zz=3), lambda: g(1, 2, zq=1),
             lambda: (lambda a, b, c: 0)(1), lambda: (lambda a, b, c: 0)(), lambda: (lambda *, k: 0)()]:
    try:
        call()
    except TypeError as e:
        errors.append(str(e))
result = (out, errors)
