# UNPACK_SEQUENCE_TWO_TUPLE: a, b = pair; a list deopts.
def site(s):
    a, b = s
    return a - b
warm = [site((i, 1)) for i in range(20)]
result = (sum(warm), site([5, 2]))
