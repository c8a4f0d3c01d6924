# LOAD_ATTR_MODULE: a module's attribute by its dict entry; a new module attribute changes the keys version and deopts.
import math
def site(m):
    return m.pi
warm = [site(math) for i in range(20)]
math.tau2 = 6.28
result = (sum(warm), site(math))
