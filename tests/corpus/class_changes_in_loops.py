# Classes changed while loops that read their instances' attributes run hot: a trace whose
# optimizer dropped a class guard must see each change (tier 2's type watcher and validity checks).


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x, y, z):
        Point.__init__(self, x, y)
        self.z = z


class Doubled:
    """A data descriptor: once a class has it under a name, it answers for the instances."""

    def __get__(self, obj, cls):
        if obj is None:
            return self
        return obj.__dict__.get("_d", 7) * 2

    def __set__(self, obj, value):
        obj.__dict__["_d"] = value


def reads(p, classes, name, value):
    # setattr on the class inside the loop body, between two reads of the same instance
    t = 0
    for cls in classes:
        t += p.x
        setattr(cls, name, value)
        t += p.y
    return t


def grow(cls, i):
    if i % 1000 == 999:
        setattr(cls, "tag", i)


def reads_calling(p, n):
    # the change happens in a Python function the trace follows, now and then
    t = 0
    for i in range(n):
        t += p.x + p.y
        grow(type(p), i)
        t += p.y
    return t


def base_changed(p, n, at):
    # a change of the base class is a change of the subclass an instance belongs to
    t = 0
    for i in range(n):
        t += p.x + p.z
        if i == at:
            Point.y = property(lambda self: -1)
        t += p.y
    return t


p = Point(1, 2)
print(reads(p, [Doubled] * 5000, "q", 0))
print(reads(p, [Doubled] * 3000 + [Point] * 2000, "y", Doubled()))
print(p.y, vars(p))

q = Point(3, 4)
print(reads_calling(q, 6000), Point.tag)

r = Point3(5, 6, 7)
print(base_changed(r, 6000, 4500))
print(r.y, vars(r))
