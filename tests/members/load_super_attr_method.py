# LOAD_SUPER_ATTR_METHOD: super(cls, obj).m() found after cls in the MRO; a class argument that is no type deopts and raises CPython's TypeError.
class A:
    def m(self):
        return 1
class B(A):
    def m(self):
        return 2
def site(c, o):
    return super(c, o).m() + 1
warm = [site(B, B()) for i in range(20)]
try:
    site(3, B())
except TypeError as e:
    msg = str(e)
result = (sum(warm), msg)
