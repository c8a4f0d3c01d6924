out = []
for call in [lambda: str.split('a b'), lambda: 'x'.nosuch, lambda: [].nosuch,
             lambda: str.upper('q'), lambda: list.append]:
    try:
        out.append(call())
    except AttributeError as e:
        out.append(str(e))
result = out
