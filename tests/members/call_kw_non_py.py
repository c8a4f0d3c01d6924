# CALL_KW_NON_PY: a builtin called with keywords (sorted, key=); a Python function deopts.
def site(fn, x):
    return fn(x, key=None)
warm = [site(sorted, [3, 1, 2][:i % 4]) for i in range(20)]
result = (warm[-1], site(lambda a, key: (a, key), 'z'))
