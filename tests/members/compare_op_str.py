# COMPARE_OP_STR: str == str; ints deopt.
def site(a, b):
    return a == b
warm = [site(str(i % 3), '1') for i in range(20)]
result = (sum(warm), site(1, 1))
