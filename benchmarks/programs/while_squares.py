# A while loop summing squares (tests/tier2/loops.py's count_up): BINARY_OP_MULTIPLY_INT and
# BINARY_OP_ADD_INT on ints that stay machine-sized, COMPARE_OP_INT, and no call in the loop.
def squares(n):
    i = 0
    s = 0
    while i < n:
        s = s + i * i
        i = i + 1
    return s


result = squares(1_000_000)
