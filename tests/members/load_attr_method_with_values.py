# LOAD_ATTR_METHOD_WITH_VALUES: a method of a class with inline values pushed unbound with self; a shadowing instance attribute deopts.
class M:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
def site(o):
    return o.get()
ms = [M(i) for i in range(20)]
warm = [site(m) for m in ms]
other = M(3)
other.get = lambda: "shadowed"
result = (sum(warm), site(other))
