# COMPARE_OP_INT: int < int; a float deopts.
def site(a, b):
    return a < b
warm = [site(i, 10) for i in range(20)]
result = (sum(warm), site(1.5, 2))
