# Differences `casesgen fuzz --count 10000 --seed 314` found, each fixed, each kept here.
out = []
def attempt(f):
    try:
        return f()
    except Exception as e:
        return type(e).__name__ + ': ' + str(e)
# a repeat count that is no index-sized integer, whatever its sign and the sequence's length
out.append(attempt(lambda: [0] * -2 ** 64))
out.append(attempt(lambda: '' * 2 ** 63))
# `x *= seq` asks seq to repeat only when x's type has no sequence methods at all
def inplace(x, y):
    x *= y
    return x
out.append(attempt(lambda: inplace({}, [1])))
out.append(attempt(lambda: inplace({1}, 'ab')))
out.append(attempt(lambda: inplace(2, [1])))
out.append(attempt(lambda: inplace(None, [1])))
# a class's instances have sequence methods (a heap type's), with no repeat: `--seed 777`
class NoRepeat:
    pass
out.append(attempt(lambda: inplace(NoRepeat(), [0])))
out.append(attempt(lambda: NoRepeat() * [0]))
# an except clause naming what is no exception class
def catch():
    try:
        undefined_name
    except 0:
        pass
out.append(attempt(catch))
out.append(attempt(lambda: sorted([1, ()])))
result = out
