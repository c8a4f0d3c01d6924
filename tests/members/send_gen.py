# SEND_GEN: yield from a generator sends into its frame in the same loop; a list iterator deopts.
def inner(n):
    for i in range(n):
        yield i
def site(it):
    yield from it
warm = [sum(site(inner(i))) for i in range(20)]
result = (sum(warm), list(site(iter([7, 8]))))
