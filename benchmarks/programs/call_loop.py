# A loop calling a small function: CALL of a Python function from a for/range loop.
def add(a, b):
    return a + b


def call_loop(n):
    total = 0
    for i in range(n):
        total = add(total, i)
    return total


result = call_loop(50_000)
