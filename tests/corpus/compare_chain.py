a = 3
result = (a < 5, a == 3, a != 3, a >= 4, 1 < a < 10)
