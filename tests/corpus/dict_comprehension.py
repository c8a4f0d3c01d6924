result = {k: len(k) for k in ["one", "three", "five"]}
