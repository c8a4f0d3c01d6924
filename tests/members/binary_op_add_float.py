# BINARY_OP_ADD_FLOAT: float + float; int operands deopt.
def site(a, b):
    return a + b
warm = [site(i * 0.5, 0.25) for i in range(20)]
result = (sum(warm), site(1, 2))
