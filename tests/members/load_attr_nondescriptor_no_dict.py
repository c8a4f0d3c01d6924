# LOAD_ATTR_NONDESCRIPTOR_NO_DICT: a class attribute read through an instance of a class with __slots__ and no dict; a class change deopts.
class S:
    __slots__ = ()
    unit = "m"
def site(o):
    return o.unit
warm = [site(S()) for i in range(20)]
S.unit = "km"
result = ("".join(warm), site(S()))
