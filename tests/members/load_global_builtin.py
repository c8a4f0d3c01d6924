# LOAD_GLOBAL_BUILTIN: a builtin through the globals and builtins keys versions; a global shadowing it deopts.
def site(x):
    return abs(x)
warm = [site(-i) for i in range(20)]
abs = lambda x: "shadowed"
result = (sum(warm), site(-3))
