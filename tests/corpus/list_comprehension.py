result = [x * x for x in range(8) if x % 2 == 0]
