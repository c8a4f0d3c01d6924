d = {"a": 1, "b": 2}
d["c"] = d["a"] + d["b"]
result = sorted(d.items())
