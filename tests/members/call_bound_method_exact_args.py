# CALL_BOUND_METHOD_EXACT_ARGS: a function bound to an object (f.__get__(obj)); another function's method deopts.
def add(self, x):
    return self + x
def mul(self, x):
    return self * x
def site(m, x):
    return m(x)
warm = [site(add.__get__(i), 1) for i in range(20)]
result = (sum(warm), site(mul.__get__(6), 7), repr(add.__get__(3)))
