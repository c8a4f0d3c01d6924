# STORE_SUBSCR_LIST_INT: list[int] = v; a dict deopts.
def site(s, i, v):
    s[i] = v
xs = [0] * 30
for i in range(20):
    site(xs, i, i)
d = {}
site(d, 1, 2)
result = (sum(xs), d)
