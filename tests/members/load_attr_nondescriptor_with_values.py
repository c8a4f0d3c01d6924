# LOAD_ATTR_NONDESCRIPTOR_WITH_VALUES: a plain class attribute read through an instance with inline values; a class change deopts.
class N:
    scale = 3
    def __init__(self):
        self.a = 1
def site(o):
    return o.scale
warm = [site(N()) for i in range(20)]
N.scale = 5
result = (sum(warm), site(N()))
