a, b = 1, 2
a, b = b, a
result = (a, b)
