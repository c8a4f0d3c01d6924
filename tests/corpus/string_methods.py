s = "Hello, World"
result = (s.upper(), s.lower().split(", "), "-".join(["a", "b"]))
