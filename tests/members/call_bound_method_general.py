# CALL_BOUND_METHOD_GENERAL: a bound function whose default fills a parameter; another function's method deopts.
def add(self, x, y=10):
    return self + x + y
def mul(self, x, y=2):
    return self * x * y
def site(m, x):
    return m(x)
warm = [site(add.__get__(i), 1) for i in range(20)]
result = (sum(warm), site(mul.__get__(6), 7))
