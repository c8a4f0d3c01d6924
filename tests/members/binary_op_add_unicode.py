# BINARY_OP_ADD_UNICODE: str + str; lists deopt.
def site(a, b):
    return a + b
warm = [site('x', str(i)) for i in range(20)]
result = (''.join(warm), site([1], [2]))
