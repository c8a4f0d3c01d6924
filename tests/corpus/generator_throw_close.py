def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield 'caught ' + str(e)
    finally:
        log.append('finally')
    yield 3
log = []
it = g()
a = [next(it), it.throw(ValueError('x')), next(it)]
try:
    it.throw(KeyError('k'))
except KeyError as e:
    a.append(('out', str(e)))
def h():
    try:
        yield 1
    finally:
        log.append('closed')
x = h(); next(x); a.append(x.close())
def r():
    try:
        yield 1
    except GeneratorExit:
        return 'bye'
y = r(); next(y); a.append(y.close())
def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            pass
z = stubborn(); next(z)
try:
    z.close()
except RuntimeError as e:
    a.append(str(e))
fresh = g()
try:
    fresh.throw(ValueError('early'))
except ValueError as e:
    a.append(str(e))
a.append(list(fresh))
def stop():
    yield 1
    raise StopIteration
try:
    list(stop())
except RuntimeError as e:
    a.append(str(e))
result = (a, log)
