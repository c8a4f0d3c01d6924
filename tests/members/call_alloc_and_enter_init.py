# CALL_ALLOC_AND_ENTER_INIT: calling a class allocates the object and runs __init__ in a pushed frame; a changed class deopts.
class V:
    def __init__(self, a, b):
        self.s = a + b
def site(k, i):
    return k(i, 1)
warm = [site(V, i).s for i in range(20)]
V.__init__ = lambda self, a, b: setattr(self, "s", a * b)
result = (sum(warm), site(V, 7).s)
