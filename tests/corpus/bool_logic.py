a = True
b = False
result = (a and not b, a or b, not a, b or 0, a and 5)
