# BINARY_OP_EXTEND: a float times a compact int through the descriptor the specializer chose; two floats deopt.
def site(a, b):
    return a * b
warm = [site(0.5, i) for i in range(20)]
result = (sum(warm), site(0.5, 0.25))
