# TO_BOOL_STR: the truth of a str; an int deopts.
def site(x):
    return 1 if x else 0
warm = [site('a' * (i % 2)) for i in range(20)]
result = (sum(warm), site(0))
