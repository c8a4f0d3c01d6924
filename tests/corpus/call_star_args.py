def f(a, b=2, *args, **kw):
    return (a, b, args, sorted(kw.items()))
args = (1, 2, 3)
kw = {'x': 1}
out = [f(*args), f(*args, **kw), f(*[5]), f(**{'a': 7}), f(1, *range(3), y=2, **kw)]
errs = []
for call in [lambda: f(*1), lambda: f(**1), lambda: f(1, **{'a': 2}), lambda: f(a=1, **{'a': 2})]:
    try:
        call()
    except TypeError as e:
        errs.append(str(e))
result = (out, errs, max(*[3, 9, 4]), sorted(*[[3, 1]], **{'reverse': True}))
