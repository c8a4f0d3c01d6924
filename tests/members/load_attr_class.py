# LOAD_ATTR_CLASS: an attribute of a class object; assigning it changes the class's version and deopts.
class K:
    limit = 10
def site(c):
    return c.limit
warm = [site(K) for i in range(20)]
K.limit = 99
result = (sum(warm), site(K))
