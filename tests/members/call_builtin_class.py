# CALL_BUILTIN_CLASS: a builtin type with a vectorcall slot (range); a Python function deopts.
def site(fn, x):
    return fn(x, 2 * x)
warm = [len(site(range, i)) for i in range(20)]
result = (sum(warm), site(lambda a, b: a * b, 3))
