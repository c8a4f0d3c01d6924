# STORE_ATTR_SLOT: a store into a __slots__ member at its offset; another class deopts.
class P:
    __slots__ = ("x",)
class Q:
    __slots__ = ("x",)
def site(o, v):
    o.x = v
ps = [P() for i in range(20)]
for i, p in enumerate(ps):
    site(p, i)
q = Q()
site(q, 5)
result = (sum(p.x for p in ps), q.x)
