# CALL_METHOD_DESCRIPTOR_FAST: a METH_FASTCALL method (list.pop); set.pop (METH_NOARGS) deopts.
def site(x):
    return x.pop()
warm = [site([i, i + 1]) for i in range(20)]
result = (sum(warm), site({7}))
