# CALL_PY_EXACT_ARGS: a Python function with exactly the arguments given; another function deopts.
def site(fn, x):
    return fn(x, 1)
def add(a, b):
    return a + b
def mul(a, b):
    return a * b
warm = [site(add, i) for i in range(20)]
result = (sum(warm), site(mul, 7))
