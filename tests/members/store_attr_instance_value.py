# STORE_ATTR_INSTANCE_VALUE: a store into the inline values at the name's offset; a class change deopts.
class C:
    def __init__(self):
        self.n = 0
def site(o, v):
    o.n = v
cs = [C() for i in range(20)]
for i, c in enumerate(cs):
    site(c, i)
C.other = 1
site(cs[0], 100)
result = (sum(c.n for c in cs), cs[0].__dict__)
