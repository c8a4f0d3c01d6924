# CALL_BUILTIN_O: a METH_O builtin (abs); a Python function deopts.
def site(fn, x):
    return fn(x)
warm = [site(abs, -i) for i in range(20)]
result = (sum(warm), site(lambda v: v * 2, 5))
