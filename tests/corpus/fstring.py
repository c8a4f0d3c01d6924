name = "gopy"
n = 3
result = f"{name} has {n:03d} parts, {1/3:.3f}"
