log = []
def inner():
    try:
        yield 'i1'
        yield 'i2'
    except ValueError as e:
        log.append('inner caught ' + str(e))
        yield 'recovered'
    finally:
        log.append('inner finally')
    return 'inner done'
def outer():
    try:
        r = yield from inner()
        log.append(('r', r))
        yield 'after'
    except KeyError as e:
        log.append('outer caught ' + repr(e))
        yield 'outer recovered'
    finally:
        log.append('outer finally')
g = outer()
a = [next(g), g.throw(ValueError('v')), next(g)]
g2 = outer(); next(g2)
a.append(g2.throw(KeyError('k')))
g3 = outer(); next(g3); a.append(g3.close())
def counter():
    n = 0
    while True:
        x = yield n
        n += x or 1
def wrap():
    yield from counter()
w = wrap(); a += [next(w), w.send(5), w.send(None)]
w.close()
result = (a, log)
