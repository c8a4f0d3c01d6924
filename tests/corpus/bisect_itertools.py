# The bisect module (bisect_right/left, insort_right/left and their aliases: lo, hi, key, the
# argument errors, Python's < through __lt__, insert on a list subclass) and itertools' count,
# islice, repeat and chain (float and big counts, islice's steps, None and early stop on an
# infinite source, its ValueErrors, the types' names).
import bisect
import itertools
from bisect import bisect_left, bisect_right, insort, insort_left
from itertools import count, islice, repeat, chain

out = []


def attempt(f):
    try:
        return f()
    except Exception as e:
        return type(e).__name__, str(e)


a = [1, 2, 2, 2, 5, 8, 13]
out.append([bisect_right(a, 2), bisect_left(a, 2), bisect.bisect(a, 2), bisect.bisect(a, 0),
            bisect.bisect(a, 100), bisect_left(a, 6), bisect_right([], 3)])
out.append([bisect_right(a, 2, 2), bisect_left(a, 2, 2, 3), bisect_left(a, 13, hi=4),
            bisect_right(a, 2, lo=4), bisect_left(a, 2, 0, None), bisect_right(a, 2, hi=-1),
            bisect_right(a, 2, 5, 1), bisect_right(a=a, x=5), bisect_right(a, 2, True, False)])
out.append(bisect.bisect is bisect_right and bisect.insort is bisect.insort_right)
out.append([bisect.bisect.__name__, bisect.insort.__name__, bisect.__name__])

# Strings, tuples, a range, a str as the sequence.
words = ["apple", "banana", "cherry", "fig"]
out.append([bisect_left(words, "banana"), bisect_right(words, "banana"), bisect_right(words, "date"),
            bisect_left((1, 3, 5), 4), bisect_right(range(0, 100, 10), 35), bisect_left("acegi", "f")])

# key: the key applies to the items, not to x (bisect); insort applies it to x too.
recs = [(1, "a"), (3, "b"), (5, "c")]
out.append([bisect_left(recs, 3, key=lambda r: r[0]), bisect_right(recs, 3, key=lambda r: r[0]),
            bisect_right(recs, 4, 0, 2, key=lambda r: r[0]), bisect_left([5, 3, 1], -3, key=lambda v: -v)])
r2 = list(recs)
insort(r2, (4, "x"), key=lambda r: r[0])
insort_left(r2, (3, "y"), key=lambda r: r[0])
bisect.insort_right(r2, (3, "z"), key=lambda r: r[0])
out.append(r2)

# insort keeps a list sorted, left and right placing equal items differently.
s = []
for v in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    insort(s, v)
out.append(s)
pairs = []
for k in [2.0, 2, 1, 2]:
    insort_left(pairs, k)
out.append([(type(v).__name__, v) for v in pairs])
pairs = []
for k in [2.0, 2, 1, 2]:
    insort(pairs, k)
out.append([(type(v).__name__, v) for v in pairs])
s = [1, 2, 3]
insort(s, 0, 1)  # lo beyond the right place: inserted at lo anyway
insort(s, 10, 0, 2)
out.append(s)


# Comparisons through __lt__.
class Ver:
    calls = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Ver.calls += 1
        return self.v < other.v

    def __repr__(self):
        return f"Ver({self.v})"


vs = [Ver(i) for i in (1, 4, 9, 16)]
out.append([bisect_left(vs, Ver(9)), bisect_right(vs, Ver(9)), bisect_right(vs, Ver(0))])
insort(vs, Ver(5))
out.append([repr(v) for v in vs])
out.append(Ver.calls)


# insort on a sequence that is no list calls its insert method.
class Log:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def insert(self, i, x):
        out.append(("insert", i, x))
        self.items.insert(i, x)


lg = Log([10, 20, 30])
insort(lg, 25)
insort_left(lg, 10)
out.append(lg.items)

# Errors, worded as CPython 3.14 words them.
out.append([
    attempt(lambda: bisect_right()),
    attempt(lambda: bisect_right(a)),
    attempt(lambda: bisect.bisect(a, 1, 2, 3, 4)),
    attempt(lambda: bisect_left(a, 1, 2, 3, 4, key=None)),
    attempt(lambda: bisect_left(a, 1, -1)),
    attempt(lambda: insort(a, 1, lo=-3)),
    attempt(lambda: bisect_left(a, 1, "x")),
    attempt(lambda: bisect_left(a, 1, None)),
    attempt(lambda: bisect_left(a, 1, 1.5)),
    attempt(lambda: bisect_left(a, 1, 0, "x")),
    attempt(lambda: bisect_left(a, 1, 0, 2.5)),
    attempt(lambda: bisect_left(a, 1, 2 ** 70)),
    attempt(lambda: bisect_left(a, 1, 0, 2 ** 70)),
    attempt(lambda: bisect_left(a, 1, 0, 100)),
    attempt(lambda: bisect_left((1, 2), 5, 0, 9)),
    attempt(lambda: bisect_left(a, 1, foo=2)),
    attempt(lambda: bisect_left(a, 1, ky=None)),
    attempt(lambda: bisect_left(a, 1, h=3)),
    attempt(lambda: bisect_left(a, 1, lo=1, a=2)),
    attempt(lambda: bisect_right(a, 1, 2, lo=2)),
    attempt(lambda: bisect_right(5, 1)),
    attempt(lambda: bisect_right({1: 2}, 1)),
    attempt(lambda: bisect_right({1, 2}, 1)),
    attempt(lambda: bisect_right(a, "s")),
    attempt(lambda: insort((1, 2), 3)),
    attempt(lambda: insort()),
    attempt(lambda: insort_left(a)),
])

# count: ints, floats, a step, big ints, a bool start, keywords.
out.append(list(islice(count(), 5)))
out.append(list(islice(count(5, 2), 4)))
out.append(list(islice(count(1.5), 3)))
out.append(list(islice(count(0.1, 0.1), 5)))
out.append(list(islice(count(10, -3), 4)))
out.append(list(islice(count(start=2, step=0.5), 3)))
out.append(list(islice(count(step=3), 3)))
out.append(list(islice(count(2 ** 63 - 2), 3)))
out.append(list(islice(count(2 ** 70, 2 ** 65), 2)))
out.append([(type(v).__name__, v) for v in islice(count(True), 2)])
out.append([(type(v).__name__, v) for v in islice(count(True, 2), 2)])
out.append([(type(v).__name__, v) for v in islice(count(1, 1.0), 2)])
c = count(7)
out.append([next(c), next(c), next(c)])
out.append(iter(c) is c)
out.append([
    attempt(lambda: count("a")),
    attempt(lambda: count(1, "a")),
    attempt(lambda: count(1, 2, 3)),
    attempt(lambda: count(1, foo=2)),
    attempt(lambda: count(strt=1)),
    attempt(lambda: count(1, start=1)),
])

# islice: stop only, start/stop/step, None anywhere; stops pulling once stop is reached.
r = range(20)
out.append([list(islice(r, 5)), list(islice(r, None)), list(islice(r, 2, 10, 3)),
            list(islice(r, None, None, 4)), list(islice(r, 3, None)), list(islice(r, None, 5)),
            list(islice(r, 18, 30, 5)), list(islice(r, 30, 40)), list(islice(r, True, 5)),
            list(islice("abcdefg", 1, None, 2)), list(islice(count(), 0))])
it = iter(range(10))
out.append([list(islice(it, 2, 4)), next(it)])
it = iter(range(10))
out.append([list(islice(it, 2, 8, 5)), next(it), list(islice(it, 0)), next(it)])


def naturals():
    n = 0
    while True:
        n += 1
        out.append(("pulled", n))
        yield n


g = naturals()
out.append(list(islice(g, 1, 6, 2)))
out.append(next(g))
out.append(list(map(lambda k: (k, 4 * k + 2), islice(count(1), 3))))
sq = islice(map(lambda k: k * k, count(1)), 2, None)
out.append([next(sq), next(sq)])
out.append([
    attempt(lambda: islice([1, 2, 3])),
    attempt(lambda: islice()),
    attempt(lambda: islice([1], 1, 2, 3, 4)),
    attempt(lambda: islice([1], -1)),
    attempt(lambda: islice([1], -2)),
    attempt(lambda: islice([1], "a")),
    attempt(lambda: islice([1], 1.5)),
    attempt(lambda: islice([1], -1, 2)),
    attempt(lambda: islice([1], "a", 2)),
    attempt(lambda: islice([1], 1, -1)),
    attempt(lambda: islice([1], 1, -2)),
    attempt(lambda: islice([1], 1, "x")),
    attempt(lambda: islice([1], 1, 2, 0)),
    attempt(lambda: islice([1], 1, 2, -1)),
    attempt(lambda: islice([1], 1, 2, "x")),
    attempt(lambda: islice([1], 2 ** 70)),
    attempt(lambda: islice([1], 0, 5, 2 ** 70)),
    attempt(lambda: islice(5, 1)),
    attempt(lambda: islice([1], stop=1)),
])

# repeat and chain.
out.append([list(repeat("ab", 3)), list(repeat(1, 0)), list(repeat(1, -4)), list(islice(repeat(7), 3)),
             list(repeat(object=2, times=2)), list(zip("xyz", repeat(0)))])
rp = repeat(1, 2)
out.append([next(rp), next(rp), next(rp, "done")])
out.append([
    attempt(lambda: repeat()),
    attempt(lambda: repeat(1, "a")),
    attempt(lambda: repeat(1, 2.0)),
    attempt(lambda: repeat(1, None)),
    attempt(lambda: repeat(1, 2, 3)),
    attempt(lambda: repeat(1, time=3)),
    attempt(lambda: repeat(1, object=3)),
])
out.append([list(chain([1, 2], (3,), "ab", range(2))), list(chain()), list(chain([], [], [4]))])
ch = chain([1], 5, [2])
out.append([next(ch), attempt(lambda: next(ch)), next(ch, "done")])
out.append([attempt(lambda: chain(a=1)), attempt(lambda: list(chain(1)))])

# The types: their names and reprs, the module's.
out.append([type(count()).__name__, type(islice([], 1)).__name__, type(repeat(1)).__name__,
            type(chain()).__name__, repr(type(count())), repr(itertools.islice), repr(repeat),
            repr(chain), itertools.__name__, repr(itertools), isinstance(count(), count),
            type(islice(r, 1)) is islice])

# reprs of the iterators, the names C's tp_name gives, and chain.from_iterable, lazy as chain.
out.append([repr(count()), repr(count(5)), repr(count(5, 2)), repr(count(1.5)), repr(count(2, 0.5)),
            repr(count(-1, -1)), repr(repeat("a")), repr(repeat(1, 3)), repr(repeat(None, 0)),
            count.__module__, count.__qualname__, islice.__module__, chain.__name__,
            int.__module__, list.__qualname__, dict.__name__])
out.append([attempt(lambda: len(repeat(1))), attempt(lambda: count()[0]), attempt(lambda: islice([], 1) + 1)])

def source():
    yield [1, 2]
    yield "ab"
    raise ValueError("no more")

fi = chain.from_iterable(source())
out.append([next(fi), next(fi), next(fi), next(fi), attempt(lambda: next(fi)), next(fi, "done"),
            list(chain.from_iterable([[1], (), range(3)])), list(islice(chain.from_iterable(repeat([0, 1])), 5)),
            attempt(lambda: chain.from_iterable()), attempt(lambda: chain.from_iterable(1, 2)),
            attempt(lambda: list(chain.from_iterable([1])))])

result = out
