# CALL_TYPE_1: type(x); another callable deopts.
def site(fn, x):
    return fn(x)
warm = [site(type, i) is int for i in range(20)]
result = (all(warm), site(str, 5))
