"""Runs under CPython 3.14: each program, then the instructions of its `site` as quickened.

    python3.14 cpython_choice.py PROGRAM.py...   -> one JSON object: {program name: [opnames]}
"""
import dis
import json
import sys

choices = {}
for path in sys.argv[1:]:
    ns = {"__name__": "__main__"}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), ns)
    choices[path.rsplit("/", 1)[-1]] = [i.opname for i in dis.get_instructions(ns["site"], adaptive=True)]
print(json.dumps(choices))
