# CALL_LIST_APPEND: xs.append(v) with the result dropped; another class's append deopts.
def site(xs, v):
    xs.append(v)
xs = []
for i in range(20):
    site(xs, i)
class Bag:
    def __init__(self):
        self.items = []
    def append(self, v):
        self.items.append(v)
b = Bag()
site(b, 1)
result = (sum(xs), b.items)
