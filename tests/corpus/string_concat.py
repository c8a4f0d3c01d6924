s = "a"
i = 0
while i < 5:
    s = s + "b"
    i = i + 1
result = s
