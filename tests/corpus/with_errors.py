out = []
for v in (1, 'a', [1]):
    try:
        with v:
            out.append('in')
    except TypeError as e:
        out.append(str(e))
async def f():
    async with 1:
        pass
try:
    f().send(None)
except TypeError as e:
    out.append(str(e))
result = out
