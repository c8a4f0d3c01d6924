# LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN: a class's own __getattribute__ runs in a pushed frame; another class deopts.
class G:
    def __getattribute__(self, name):
        return name * 2
class H:
    def __getattribute__(self, name):
        return name.upper()
def site(o):
    return o.ab
warm = [site(G()) for i in range(20)]
result = (warm[0], len(warm), site(H()))
