n = 1
k = 0
while k < 70:
    n = n * 3
    k = k + 1
result = n
