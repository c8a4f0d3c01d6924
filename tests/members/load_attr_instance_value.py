# LOAD_ATTR_INSTANCE_VALUE: an attribute in the instance's inline values; a class attribute added later changes the type's version and deopts.
class C:
    def __init__(self, x):
        self.x = x
def site(o):
    return o.x
warm = [site(C(i)) for i in range(20)]
C.y = 1
result = (sum(warm), site(C(7)))
