class AppError(Exception):
    pass

class CodeError(AppError):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
    def __str__(self):
        return f"[{self.code}] {self.args[0]}"

class Resource:
    log = []
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        Resource.log.append("enter " + self.name)
        return self
    def __exit__(self, et, ev, tb):
        Resource.log.append(f"exit {self.name} {et.__name__ if et else None}")
        return et is AppError

class Lazy:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        return name.upper()

class Registry:
    members = []
    def __init_subclass__(cls, tag="none", **kw):
        super().__init_subclass__(**kw)
        Registry.members.append((cls.__name__, tag))

class One(Registry, tag="one"):
    pass

class Two(Registry):
    pass

out = []
for exc in [AppError("plain"), CodeError("bad", 42), ValueError("v")]:
    try:
        raise exc
    except AppError as e:
        out.append(("app", type(e).__name__, str(e), e.args))
    except Exception as e:
        out.append(("other", repr(e)))
with Resource("a") as r:
    out.append(r.name)
with Resource("b"):
    raise AppError("swallowed")
try:
    with Resource("c"):
        raise KeyError("k")
except KeyError as e:
    out.append(repr(e))
out.append(Resource.log)
lz = Lazy()
out.append((lz.real, lz.missing))
out.append(Registry.members)
out.append(CodeError("x", 1).code)
e = CodeError("y", 2)
e.extra = 5
out.append((e.extra, isinstance(e, Exception), issubclass(CodeError, AppError)))
Point = type("Point", (), {"x": 1, "double": lambda self: self.x * 2})
p = Point()
out.append((p.double(), Point.__name__, p.x))
Point.x = 21
out.append(p.double())
result = out
