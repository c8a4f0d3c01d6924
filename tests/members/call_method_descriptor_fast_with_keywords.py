# CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS: str.split called through the type; str.upper (METH_NOARGS) deopts.
def site(f, x):
    return f(x)
warm = [site(str.split, 'a b ' * (i % 3)) for i in range(20)]
result = (warm[-1], site(str.upper, 'q'))
