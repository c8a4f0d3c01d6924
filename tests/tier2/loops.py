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


# A loop that calls a function: its trace follows the call (_PUSH_FRAME into add's code, and
# _RETURN_VALUE back), and a float in xs fails add's int guard inside the callee's frame.
def add(a, b):
    return a + b


def call_total(xs):
    s = 0
    for x in xs:
        s = add(s, x)
    return s


# A loop whose trace the optimizer follows into the callee's frame and back: in add's frame b is
# the range's int (its guard goes); after the return, add's result and i are ints (the guards of
# `+ i` go).
def call_sum(n):
    s = 0
    for i in range(n):
        s = add(s, i) + i
    return s


# A constant in a loop: the optimizer loads it from the micro-op's operand
# (_LOAD_CONST_INLINE_BORROW) and knows its type, so the float guard on it goes.
def halves(n):
    s = 0.0
    for i in range(n):
        s = s + 0.5
    return s


# A tuple built and unpacked again: the optimizer follows its items (symbols of a tuple), so x
# and y are still the ints they were packed as, and the multiplication needs no guard.
def pairs(n):
    s = 0
    for i in range(n):
        t = (i, i + 1)
        x, y = t
        s = s + x * y
    return s


# A loop whose hot path takes its conditional jump (i % 100 == 99 is rarely true): the trace
# follows the direction the jump's history says is likelier, as CPython's projection does.
def mostly_else(n):
    s = 0
    for i in range(n):
        if i % 100 == 99:
            s = s - 1
        else:
            s = s + i
    return s


# A call that raises inside the traced callee (a generic BINARY_OP, which stays in the trace): the
# ZeroDivisionError unwinds from share's frame to the handler in the caller's loop.
def share(a, b):
    return a // b


def guarded_total(xs):
    s = 0
    for x in xs:
        try:
            s = s + share(1000, x)
        except ZeroDivisionError:
            s = s + 1
    return s


# str += into the same local: BINARY_OP_INPLACE_ADD_UNICODE, whose tier-2 body finds the local in
# its operand (the projection skips the STORE_FAST after it and puts that local there).
def concat(n):
    s = ""
    for i in range(n):
        s += "ab"
    return len(s)


# Attributes of one instance: the first read's type guard finds Pair's version, the second's is
# then known and goes, while Pair stays as it was (the optimizer watches the class).
class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def make_pair():
    return Pair(1, 2)


def pair_sum(p, n):
    t = 0
    for i in range(n):
        t += p.a + p.b
    return t


# A class changed by the trace itself, between the two reads: setattr may run any code, so the
# trace checks it is still valid before the next instruction, and p.b is read as the class now
# says (a property, once b is one).
B_PROPERTY = property(lambda self: 100)


class Other:
    pass


def reshaped_sum(p, classes, name, value):
    t = 0
    for cls in classes:
        t += p.a
        setattr(cls, name, value)
        t += p.b
    return t
