d = {'a': 1, 'b': 2}
k, v, it = d.keys(), d.values(), d.items()
d['c'] = 3
out = [repr(k), repr(v), repr(it), len(k), 'a' in k, 2 in v, ('b', 2) in it, ('b', 3) in it, list(it), sorted(k),
       type(it).__name__, bool({}.keys())]
for key, value in d.items():
    out.append(key * value)
try:
    for key in d.keys():
        d[key + key] = 0
except RuntimeError as e:
    out.append(str(e))
result = out
