# CALL_PY_EXACT_ARGS: a recursive call; at the recursion limit _CHECK_RECURSION_REMAINING deopts and the generic CALL raises RecursionError.
def site(n):
    return site(n + 1)
try:
    site(0)
except RecursionError as e:
    result = str(e)
