xs = [1, 2, 3]
xs.append(4)
result = (xs, xs[0] + xs[-1], len(xs))
