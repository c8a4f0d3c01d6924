# CALL_LEN: len itself; another callable deopts.
def site(fn, x):
    return fn(x)
warm = [site(len, 'a' * i) for i in range(20)]
result = (sum(warm), site(abs, -4))
