# TO_BOOL_LIST: the truth of a list; a tuple deopts.
def site(x):
    return 1 if x else 0
warm = [site([1] * (i % 2)) for i in range(20)]
result = (sum(warm), site(()))
