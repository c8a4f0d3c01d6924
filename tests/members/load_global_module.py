# LOAD_GLOBAL_MODULE: a module global by its dict entry; a new global changes the keys version and deopts.
limit = 7
def site():
    return limit
warm = [site() for i in range(20)]
extra = 1
result = (sum(warm), site())
