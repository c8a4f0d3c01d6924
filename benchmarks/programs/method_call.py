# A loop calling a method: LOAD_ATTR_METHOD_WITH_VALUES and CALL_PY_EXACT_ARGS with self.
class Counter:
    def __init__(self):
        self.total = 0

    def add(self, i):
        self.total += i
        return self.total


def method_loop(n):
    c = Counter()
    for i in range(n):
        c.add(i)
    return c.total


result = method_loop(50_000)
