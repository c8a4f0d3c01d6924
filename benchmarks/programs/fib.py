# Recursive fib: a call and a return per step, LOAD_GLOBAL_MODULE for the recursion.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


result = fib(22)
