# STORE_ATTR_WITH_HINT: a store into the instance's own dict at the name's index; an instance still on inline values deopts.
class Wide:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a" + str(i), i)
def site(o, v):
    o.a1 = v
wide = [Wide(35) for i in range(20)]
for i, w in enumerate(wide):
    site(w, i)
narrow = Wide(3)
site(narrow, 99)
result = (sum(w.a1 for w in wide), narrow.a1)
