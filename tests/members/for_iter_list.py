# FOR_ITER_LIST: a for loop over a list; a tuple deopts.
def site(xs):
    t = 0
    for x in xs:
        t += x
    return t
warm = [site([1, 2, 3]) for i in range(20)]
result = (sum(warm), site((4, 5)))
