# CALL_TUPLE_1: tuple(x); another callable deopts.
def site(fn, x):
    return fn(x)
warm = [site(tuple, 'ab' * i) for i in range(20)]
result = (len(warm[-1]), site(list, 'xy'))
