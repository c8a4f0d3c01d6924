# Origin: The Computer Language Benchmarks Game, bench/binarytrees/binarytrees.python3, as mirrored in Byron/benchmarksgame-cvs-mirror (commit d2ec2cb7a681)
# Licence: revised BSD (bench/LICENSE)
# Copyright © 2004-2008 Brent Fulgham, 2005-2017 Isaac Gouy. All rights reserved.
# Modified: size parameters and the final `result` line; harness removed.
# main() removed too (it needs multiprocessing and print); the `result` line sums make_check
# over get_argchunks as main() does for one depth.

# The Computer Language Benchmarks Game
# http://benchmarksgame.alioth.debian.org/
#
# contributed by Antoine Pitrou
# modified by Dominique Wahli and Daniel Nanz
# modified by Joerg Baumann

def make_tree(d):

    if d > 0:
        d -= 1
        return (make_tree(d), make_tree(d))
    return (None, None)


def check_tree(node):

    (l, r) = node
    if l is None:
        return 1
    else:
        return 1 + check_tree(l) + check_tree(r)


def make_check(itde, make=make_tree, check=check_tree):

    i, d = itde
    return check(make(d))


def get_argchunks(i, d, chunksize=5000):

    assert chunksize % 2 == 0
    chunk = []
    for k in range(1, i + 1):
        chunk.extend([(k, d)])
        if len(chunk) == chunksize:
            yield chunk
            chunk = []
    if len(chunk) > 0:
        yield chunk


result = sum(sum(map(make_check, argchunk)) for argchunk in get_argchunks(64, 6, chunksize=10))
