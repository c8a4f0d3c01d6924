# TO_BOOL_ALWAYS_TRUE: an object of a class with neither __bool__ nor __len__ is true; a class gaining __len__ deopts.
class O:
    pass
def site(o):
    if o:
        return 1
    return 0
warm = [site(O()) for i in range(20)]
O.__len__ = lambda self: 0
result = (sum(warm), site(O()))
