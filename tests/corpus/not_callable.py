# Calling what is not callable, from the interpreter and from builtins that call back (a key, a
# map function, a default factory): each a TypeError naming the type.

def attempt(f):
    try:
        return f()
    except TypeError as e:
        return str(e)

class Plain:
    pass

result = [
    attempt(lambda: sorted([1, 2], key=5)),
    attempt(lambda: list(map(3, [1]))),
    attempt(lambda: max([1, 2], key="k")),
    attempt(lambda: list(filter(1.5, [1]))),
    attempt(lambda: Plain()()),
    attempt(lambda: (1, 2)()),
    attempt(lambda: sorted([3, 1, 2], key=abs)),
]
