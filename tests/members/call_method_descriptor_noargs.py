# CALL_METHOD_DESCRIPTOR_NOARGS: a METH_NOARGS method (set.pop); list.pop (METH_FASTCALL) deopts.
def site(x):
    return x.pop()
warm = [site({i}) for i in range(20)]
result = (sum(warm), site([4, 5]))
