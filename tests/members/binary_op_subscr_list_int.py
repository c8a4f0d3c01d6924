# BINARY_OP_SUBSCR_LIST_INT: list[int]; an index out of range deopts and raises CPython's IndexError.
def site(s, i):
    return s[i]
xs = list(range(30))
warm = [site(xs, i) for i in range(20)]
try:
    site(xs, 99)
except IndexError as e:
    msg = str(e)
result = (sum(warm), msg)
