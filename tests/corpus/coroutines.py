async def g():
    return 5
async def h():
    c = g()
    a = await c
    try:
        await c
    except RuntimeError as e:
        return (a, str(e))
async def bad():
    await 1
out = []
try:
    h().send(None)
except StopIteration as e:
    out.append(e.value)
try:
    bad().send(None)
except TypeError as e:
    out.append(str(e))
async def fib(n):
    if n < 2:
        return n
    return await fib(n - 1) + await fib(n - 2)
try:
    fib(10).send(None)
except StopIteration as e:
    out.append(e.value)
result = out
