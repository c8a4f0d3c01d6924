# COMPARE_OP_FLOAT: float < float; ints deopt.
def site(a, b):
    return a < b
warm = [site(i * 0.5, 5.0) for i in range(20)]
result = (sum(warm), site(1, 2))
