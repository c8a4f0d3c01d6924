# CALL_PY_GENERAL: a Python function whose defaults fill a parameter; another function deopts.
def site(fn, x):
    return fn(x)
def add(a, b=10):
    return a + b
def mul(a, b=3):
    return a * b
warm = [site(add, i) for i in range(20)]
result = (sum(warm), site(mul, 7))
