# CALL_ISINSTANCE: isinstance itself; another callable deopts.
def site(fn, x):
    return fn(x, int)
warm = [site(isinstance, i) for i in range(20)]
result = (warm.count(True), site(lambda a, b: (a, b.__name__), 3))
