# Origin: python/pyperformance, pyperformance/data-files/benchmarks/bm_coroutines/run_benchmark.py (commit 053d36f3d475)
# Licence: MIT (python/pyperformance, COPYING; the original has no copyright line)
# Modified: size parameters and the final `result` line; harness removed.
# The driver loop is the body of bench_coroutines(); its `except StopIteration:` became
# `except StopIteration as stop:` so that the `result` line can read the answer.

"""
Benchmark for recursive coroutines.

Author: Kumar Aditya
"""

async def fibonacci(n: int) -> int:
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


# bench_coroutines() body, one loop, fibonacci(25) shrunk:
coro = fibonacci(20)
try:
    while True:
        coro.send(None)
except StopIteration as stop:
    result = stop.value
