# Functions whose instructions specialize, for tests/go/vm/specialize_test.go.
def add(a, b):
    return a + b


def less(a, b):
    return a < b


def total(xs):
    s = 0
    for x in xs:
        s = s + x
    return s


def twice():
    return K * 2


K = 21
result = None
