# LOAD_ATTR_PROPERTY: a property's getter runs in a pushed frame; a property replaced on the class deopts.
class T:
    def __init__(self, c):
        self.c = c
    @property
    def f(self):
        return self.c * 2
def site(o):
    return o.f
warm = [site(T(i)) for i in range(20)]
T.f = property(lambda self: -self.c)
result = (sum(warm), site(T(5)))
