# CONTAINS_OP_DICT: `in` on a dict's keys; a tuple on the right deopts.
def site(x, d):
    return x not in d
warm = [site(i, {1: "a", 2: "b"}) for i in range(20)]
result = (sum(warm), site(5, (5, 6)))
