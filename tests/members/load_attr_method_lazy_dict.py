# LOAD_ATTR_METHOD_LAZY_DICT: a method of an exception class, whose instance dict is not made yet; an instance with a dict deopts.
class Failure(Exception):
    def code(self):
        return len(self.args)
def site(e):
    return e.code()
warm = [site(Failure(i, i)) for i in range(20)]
with_dict = Failure(1)
with_dict.note = "x"
result = (sum(warm), site(with_dict))
