# A class's __getattr__ and __getattribute__ added, replaced and deleted after its instances'
# attributes were read: each read after a change sees the class as it is then (CPython sets the
# tp_getattro slot again when a class or a base changes; the Go runtime decides it per version tag).
class Base:
    pass


class Child(Base):
    def __init__(self):
        self.here = 1


def read(o, name):
    try:
        return getattr(o, name)
    except AttributeError as e:
        return "AttributeError: " + str(e)


c = Child()
seen = [read(c, "here"), read(c, "missing")]
Child.__getattr__ = lambda self, name: "child:" + name
seen += [read(c, "here"), read(c, "missing")]
del Child.__getattr__
seen.append(read(c, "missing"))
Base.__getattr__ = lambda self, name: "base:" + name  # a base changes: the subclass sees it
seen.append(read(c, "missing"))
Base.__getattribute__ = lambda self, name: "always:" + name
seen += [read(c, "here"), read(c, "missing")]
del Base.__getattribute__
seen += [read(c, "here"), read(c, "missing")]
del Base.__getattr__
seen.append(read(c, "missing"))
for _ in range(3):  # the same reads again, with the class settled
    seen.append(read(c, "here"))
result = seen
