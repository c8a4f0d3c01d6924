# UNPACK_SEQUENCE_TUPLE: a, b, c = tuple; a list deopts.
def site(s):
    a, b, c = s
    return a + b + c
warm = [site((i, 1, 2)) for i in range(20)]
result = (sum(warm), site([1, 2, 3]))
