# FOR_ITER_TUPLE: a for loop over a tuple; a list deopts.
def site(xs):
    t = 0
    for x in xs:
        t += x
    return t
warm = [site((1, 2, 3)) for i in range(20)]
result = (sum(warm), site([4, 5]))
