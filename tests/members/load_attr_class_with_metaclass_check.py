# LOAD_ATTR_CLASS_WITH_METACLASS_CHECK: a class attribute of a class whose metaclass is a Python class; an attribute added to the metaclass changes its version and deopts.
class Meta(type):
    pass
class K(metaclass=Meta):
    size = 4
def site(c):
    return c.size
warm = [site(K) for i in range(20)]
Meta.extra = 1
result = (sum(warm), site(K))
