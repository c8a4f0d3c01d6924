# LOAD_ATTR_SLOT: a __slots__ member at its offset; a deleted slot deopts and raises CPython's AttributeError.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
def site(o):
    return o.x
ps = [P(i) for i in range(20)]
warm = [site(p) for p in ps]
del ps[0].x
try:
    site(ps[0])
except AttributeError as e:
    msg = str(e)
result = (sum(warm), msg)
