# TO_BOOL_INT: the truth of an int; a str deopts.
def site(x):
    return 1 if x else 0
warm = [site(i) for i in range(20)]
result = (sum(warm), site(''))
