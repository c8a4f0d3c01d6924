words = ["x", "yy", "zzz"]
n = 0
for w in words:
    n += len(w)
result = n
