# CALL_BUILTIN_FAST: a METH_FASTCALL builtin (divmod); a Python function deopts.
def site(fn, x):
    return fn(x, 3)
warm = [site(divmod, i) for i in range(20)]
result = (warm[-1], site(lambda a, b: a - b, 5))
