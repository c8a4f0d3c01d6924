# CALL_STR_1: str(x); another callable deopts.
def site(fn, x):
    return fn(x)
warm = [site(str, i) for i in range(20)]
result = (''.join(warm), site(repr, 'q'))
