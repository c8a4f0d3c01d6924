# LOAD_SUPER_ATTR_ATTR: super(cls, obj).attr read as a value; a class argument that is no type deopts and raises CPython's TypeError.
class A:
    tag = "a"
class B(A):
    tag = "b"
def site(c, o):
    return super(c, o).tag
warm = [site(B, B()) for i in range(20)]
try:
    site("B", B())
except TypeError as e:
    msg = str(e)
result = ("".join(warm), msg)
