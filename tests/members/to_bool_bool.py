# TO_BOOL_BOOL: the truth of a bool; an int deopts.
def site(x):
    return 1 if x else 0
warm = [site(i % 2 == 0) for i in range(20)]
result = (sum(warm), site(5))
