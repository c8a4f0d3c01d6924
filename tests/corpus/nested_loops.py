pairs = 0
for i in range(6):
    for j in range(i):
        if (i + j) % 3 == 0:
            pairs += 1
result = pairs
