# CONTAINS_OP_SET: `in` on a set or frozenset; a list on the right deopts.
def site(x, s):
    return x in s
warm = [site(i, {1, 2, 3}) for i in range(20)] + [site(2, frozenset([2]))]
result = (sum(warm), site(5, [5]))
