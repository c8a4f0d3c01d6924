x = 1.5
y = 0.25
result = x * 4 - y / 2 + 10
