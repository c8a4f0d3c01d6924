# FOR_ITER_GEN: a for loop over a generator runs its frame in the same loop; a list deopts.
def gen(n):
    for i in range(n):
        yield i * i
def site(it):
    total = 0
    for v in it:
        total += v
    return total
warm = [site(gen(i)) for i in range(20)]
result = (sum(warm), site([1, 2, 3]))
