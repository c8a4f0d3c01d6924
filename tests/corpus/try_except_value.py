def parse(s):
    try:
        return int(s)
    except ValueError:
        return None
result = [parse("12"), parse("x")]
