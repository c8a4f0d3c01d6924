# LOAD_ATTR_METHOD_NO_DICT: a method of a builtin type (no instance dict), the descriptor and self; another type deopts.
def site(o):
    return o.copy()
warm = [site([1, 2, i]) for i in range(20)]
result = (sum(len(w) for w in warm), site({"a": 1}))
