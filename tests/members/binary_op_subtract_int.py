# BINARY_OP_SUBTRACT_INT: int - int; a float operand deopts.
def site(a, b):
    return a - b
warm = [site(i, 1) for i in range(20)]
result = (sum(warm), site(1.5, 1))
