# A while loop summing ints: LOAD_FAST/STORE_FAST, BINARY_OP_ADD_INT, COMPARE_OP_INT, POP_JUMP_IF_FALSE.
def while_sum(n):
    total = 0
    i = 0
    while i < n:
        total = total + i
        i = i + 1
    return total


result = while_sum(2_000_000)
