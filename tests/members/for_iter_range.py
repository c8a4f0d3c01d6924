# FOR_ITER_RANGE: a for loop over a range; a list deopts.
def site(xs):
    t = 0
    for x in xs:
        t += x
    return t
warm = [site(range(4)) for i in range(20)]
result = (sum(warm), site([4, 5]))
