# BINARY_OP_SUBSCR_LIST_SLICE: list[slice]; a tuple deopts.
def site(s, k):
    return s[k]
xs = list(range(10))
warm = [site(xs, slice(i % 5, 8)) for i in range(20)]
result = (sum(len(w) for w in warm), site((1, 2, 3), slice(1, 3)))
