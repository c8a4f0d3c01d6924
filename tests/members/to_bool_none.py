# TO_BOOL_NONE: the truth of None; a list deopts.
def site(x):
    return 0 if x else 1
warm = [site(None) for i in range(20)]
result = (sum(warm), site([1]))
