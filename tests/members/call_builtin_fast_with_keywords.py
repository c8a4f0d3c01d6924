# CALL_BUILTIN_FAST_WITH_KEYWORDS: a METH_FASTCALL | METH_KEYWORDS builtin (max); a Python function deopts.
def site(fn, x):
    return fn(x, 7)
warm = [site(max, i) for i in range(20)]
result = (sum(warm), site(lambda a, b: a - b, 5))
