# BINARY_OP_SUBSCR_TUPLE_INT: tuple[int]; a list deopts.
def site(s, i):
    return s[i]
xs = tuple(range(30))
warm = [site(xs, i) for i in range(20)]
result = (sum(warm), site([7, 8], 1))
