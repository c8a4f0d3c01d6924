total = 0
i = 0
while i < 100:
    total = total + i
    i = i + 1
result = total
