# Loops whose traces tests/go/vm/trace_test.go forces off their specialized path.
def total(xs):
    s = 0
    for x in xs:
        s = s + x
    return s


def count_up(n):
    i = 0
    s = 0
    while i < n:
        s = s + i * i
        i = i + 1
    return s


result = None
