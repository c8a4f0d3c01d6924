# BINARY_OP_SUBSCR_GETITEM: a class's __getitem__ runs in a pushed frame; a replaced __getitem__ deopts.
class Sq:
    def __getitem__(self, i):
        return i * i
def site(o, i):
    return o[i]
s = Sq()
warm = [site(s, i) for i in range(20)]
Sq.__getitem__ = lambda self, i: -i
result = (sum(warm), site(s, 4))
