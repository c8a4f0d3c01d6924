# CALL_KW_BOUND_METHOD: a bound function called with keywords; another function's method deopts.
def add(self, x, y=10):
    return self + x + y
def sub(self, x, y=10):
    return self - x - y
def site(m, x):
    return m(x, y=1)
warm = [site(add.__get__(i), 1) for i in range(20)]
result = (sum(warm), site(sub.__get__(6), 7))
