# BINARY_OP_MULTIPLY_FLOAT: float * float; int operands deopt.
def site(a, b):
    return a * b
warm = [site(i * 0.5, 0.25) for i in range(20)]
result = (sum(warm), site(3, 2))
