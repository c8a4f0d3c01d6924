class_err = []
def check(f):
    try:
        f()
    except Exception as e:
        return type(e).__name__ + ':' + str(e)
def r1(): raise ValueError
def r2(): raise KeyError('k')
def r3():
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError('wrapped') from e
def r4():
    try:
        raise TypeError('inner')
    except TypeError:
        raise
def r5(): raise 42
def fin():
    out = []
    for i in range(3):
        try:
            if i == 1: break
            out.append(i)
        finally:
            out.append('f' + str(i))
    return out
def fin_ret():
    try:
        return 'try'
    finally:
        pass
def cause():
    try:
        r3()
    except ValueError as e:
        return (type(e.__cause__).__name__, e.__cause__ is e.__context__)
result = [check(r1), check(r2), check(r3), check(r4), check(r5), fin(), fin_ret(), cause()]
