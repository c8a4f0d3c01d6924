# LOAD_ATTR_WITH_HINT: an attribute found by its index in the instance's own dict (over 30 attributes moved them there); an instance without that many deopts.
class Wide:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a" + str(i), i)
def site(o):
    return o.a1
wide = [Wide(35) for i in range(20)]
warm = [site(w) for w in wide]
result = (sum(warm), site(Wide(3)))
