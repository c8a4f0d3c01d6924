# CALL_METHOD_DESCRIPTOR_O: a METH_O method (list.count) called through its type; list.index (METH_FASTCALL) deopts.
def site(f, x, y):
    return f(x, y)
warm = [site(list.count, [1, 2, 1][:i % 4], 1) for i in range(20)]
result = (sum(warm), site(list.index, [4, 5], 5))
