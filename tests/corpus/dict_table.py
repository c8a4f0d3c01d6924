# A dict's table under load: growth, deletions that leave dummies, keys that collide, keys that
# are equal across types, a key whose __eq__ changes the dict, and the order through all of it.

class Collide:
    """Every instance hashes alike; equal when the tags are."""
    def __init__(self, tag):
        self.tag = tag
    def __hash__(self):
        return 7
    def __eq__(self, other):
        if not isinstance(other, Collide):
            return NotImplemented      # so that the other side's __eq__ is asked
        return self.tag == other.tag

d = {}
for i in range(2000):
    d[i] = i * i
for i in range(0, 2000, 3):
    del d[i]
for i in range(0, 2000, 6):
    d[i] = -i                      # back in, at the end of the order
survivors = sum(1 for _ in d)
order = list(d)[:5] + list(d)[-5:]

c = {Collide(t): t for t in range(50)}
for t in range(0, 50, 2):
    del c[Collide(t)]
c[Collide(100)] = 100
collide = (len(c), c.get(Collide(7)), c.get(Collide(8)), sorted(c.values())[:6])

same = {1: 'int', 1.0: 'float', True: 'bool'}   # one key: the first, with the last value
neg = {-1: 'a', -2: 'b'}                         # hash(-1) == hash(-2) in CPython

class Meddler:
    """Its __eq__ adds keys to the dict it is looked up in."""
    def __init__(self, target):
        self.target = target
    def __hash__(self):
        return 7
    def __eq__(self, other):
        for i in range(20):
            self.target[('grown', i)] = i
        return False

m = {Collide(1): 'one'}
found = Meddler(m) in m
strs = {}
for w in "the quick brown fox jumps over the lazy dog the end".split():
    strs[w] = strs.get(w, 0) + 1
keys = {''.join(['k', str(i)]): i for i in range(300)}   # strs built at run time, looked up by equal text
looked = sum(keys['k' + str(i)] for i in range(300))

# hashes of floats equal ints' where the values are equal, and CPython's for the others
hashes = [hash(x) for x in (0.5, -2.25, 1e300, -1e-300, 5e-324, 1.7976931348623157e308, 3.0, -1.0,
                            2.0 ** 61, 2.0 ** 61 - 2 ** 9, 123456789.125, float('inf'), float('-inf'))]
mixed = {1.5: 'a', 2: 'b', 2.0: 'c', 10 ** 20: 'd', 1e20: 'e'}

result = (hashes, mixed, survivors, order, collide, same, neg, found, len(m), sorted(strs.items()), looked, d == dict(d.items()))
