acc = 0
for i in range(10):
    acc += i * i
result = acc
