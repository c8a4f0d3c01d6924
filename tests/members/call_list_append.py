# CALL_LIST_APPEND: xs.append(v) as a statement; no guard of it can fail without classes (only a list has append here).
def site(xs, v):
    xs.append(v)
out = []
for i in range(20):
    site(out, i)
result = sum(out)
