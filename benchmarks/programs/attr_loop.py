# A loop reading and writing instance attributes: LOAD_ATTR_INSTANCE_VALUE, STORE_ATTR_INSTANCE_VALUE.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def attr_loop(n):
    p = Point(0, 1)
    for i in range(n):
        p.x = p.x + p.y
        p.y = i
    return p.x


result = attr_loop(100_000)
