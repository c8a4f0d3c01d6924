def add(a, b):
    return a + b
result = add(2, 3) * add(4, 5)
