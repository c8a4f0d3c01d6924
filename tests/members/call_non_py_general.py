# CALL_NON_PY_GENERAL: a callable with no faster path (zip has no vectorcall); a Python function deopts.
def site(fn, x):
    return fn(x, x)
warm = [list(site(zip, 'ab')) for i in range(20)]
result = (warm[-1], site(lambda a, b: a + b, 'c'))
