result = max(3, 9, 4) + min([5, 2, 8]) + abs(-7) + len("hello")
