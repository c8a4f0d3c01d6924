# BINARY_OP_MULTIPLY_INT: int * int; a str operand deopts.
def site(a, b):
    return a * b
warm = [site(i, 3) for i in range(20)]
result = (sum(warm), site('ab', 2))
