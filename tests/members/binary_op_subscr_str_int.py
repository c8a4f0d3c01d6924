# BINARY_OP_SUBSCR_STR_INT: a character of an ASCII str by index; a non-ASCII str deopts.
def site(s, i):
    return s[i]
warm = [site('abcdefghijklmnopqrstuvwxyz', i) for i in range(20)]
result = (''.join(warm), site('h\u00e9llo', 1))
