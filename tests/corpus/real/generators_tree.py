# Origin: python/pyperformance, pyperformance/data-files/benchmarks/bm_generators/run_benchmark.py (commit 4ccd8db52341)
# Licence: MIT (python/pyperformance, COPYING; the original has no copyright line)
# Modified: size parameters and the final `result` line; harness removed.
# `from __future__ import annotations` and `from collections.abc import Iterator` removed: each
# annotation is written instead as the string that the __future__ import made of it, so that
# nothing evaluates `Tree` before it exists or needs `Iterator`.

"""
Benchmark recursive generators implemented in python
by traversing a binary tree.

Author: Kumar Aditya
"""


class Tree:
    def __init__(self, left: "Tree | None", value: "int", right: "Tree | None") -> "None":
        self.left = left
        self.value = value
        self.right = right

    def __iter__(self) -> "Iterator[int]":
        if self.left:
            yield from self.left
        yield self.value
        if self.right:
            yield from self.right


def tree(input: "range") -> "Tree | None":
    n = len(input)
    if n == 0:
        return None
    i = n // 2
    return Tree(tree(input[:i]), input[i], tree(input[i + 1:]))

# bench_generators() body, one loop, tree(range(100000)) shrunk, without the timing:
assert list(tree(range(10))) == list(range(10))
iterable = tree(range(1000))
for _ in iterable:
    pass

# The last value the walk yielded, and a sum that depends on the order of the walk:
result = (_, sum(i * v for i, v in enumerate(iterable)))
