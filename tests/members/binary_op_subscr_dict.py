# BINARY_OP_SUBSCR_DICT: dict[key]; a list deopts.
def site(d, k):
    return d[k]
d = {i: i * i for i in range(30)}
warm = [site(d, i) for i in range(20)]
result = (sum(warm), site([5, 6], 1))
