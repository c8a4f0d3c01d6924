# STORE_SUBSCR_DICT: dict[k] = v; a list deopts.
def site(s, k, v):
    s[k] = v
d = {}
for i in range(20):
    site(d, i, i)
xs = [0, 0]
site(xs, 1, 5)
result = (sum(d.values()), xs)
