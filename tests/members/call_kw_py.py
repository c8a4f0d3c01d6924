# CALL_KW_PY: a Python function called with keywords; another function deopts.
def site(fn, x):
    return fn(x, b=1)
def add(a, b):
    return a + b
def sub(a, b):
    return a - b
warm = [site(add, i) for i in range(20)]
result = (sum(warm), site(sub, 7))
