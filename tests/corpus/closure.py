def make_adder(k):
    def add(x):
        return x + k
    return add
result = make_adder(10)(5)
