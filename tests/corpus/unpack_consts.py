a, *b, c = range(6)
*d, e = [1, 2]
f, *g = 'xyz'
xs = [1, 2, 3, 4]
def slices(xs):
    return xs[1:], xs[:], xs[::-1], xs[1:3]
s = frozenset({1, 2})
result = (a, b, c, d, e, f, g, slices(xs), 2 in s, b'ab', 1j * 2, ...)
