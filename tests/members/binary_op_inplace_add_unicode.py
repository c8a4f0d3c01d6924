# BINARY_OP_INPLACE_ADD_UNICODE: s += t into the same local, extended in place; an int operand deopts and raises CPython's TypeError.
def site(parts):
    s = ""
    for t in parts:
        s += t
    return s
warm = [site(["a", "b", str(i)]) for i in range(20)]
try:
    site(["x", 1])
except TypeError as e:
    msg = str(e)
result = ("".join(warm), msg)
