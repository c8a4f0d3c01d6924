# Nested for/range loops: FOR_ITER_RANGE, arithmetic on the loop variables.
def nested(n):
    count = 0
    for i in range(n):
        for j in range(n):
            count = count + i * j - j
    return count


result = nested(1200)
