"""C integer expressions (the DSL's symbolic stack sizes) as Go expressions.

pycparser parses the C; the printer re-parenthesizes by Go's precedence, which
differs from C's (in C ``a + b & c`` is ``(a + b) & c``; in Go it is
``a + (b & c)``), so the tree, not the text, carries the meaning across.
"""
from __future__ import annotations

from functools import lru_cache

from pycparser import c_ast, c_parser

from .errors import CasesgenError

# Go's binary operator precedence (higher binds tighter).
GO_PRECEDENCE = {
    "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5, "&": 5, "&^": 5,
    "+": 4, "-": 4, "|": 4, "^": 4,
    "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
    "&&": 2, "||": 1,
}


@lru_cache(maxsize=None)
def to_go(expr: str, names: tuple[str, ...] = ("oparg",)) -> str:
    """Translate one C integer expression over ``names`` into Go source."""
    try:
        ast = c_parser.CParser().parse(f"int f(void) {{ return {expr}; }}", "<expr>")
    except Exception as e:  # pycparser raises ParseError, sometimes others
        raise CasesgenError(f"cannot parse stack size expression {expr!r}: {e}") from None
    node = ast.ext[0].body.block_items[0].expr
    return _go(node, set(names))


def _go(node, names: set[str], parent_prec: int = 0, right: bool = False) -> str:
    if isinstance(node, c_ast.Constant):
        if node.type != "int":
            raise CasesgenError(f"non-integer constant {node.value!r} in a stack size")
        return node.value.rstrip("uUlL") or node.value
    if isinstance(node, c_ast.ID):
        if node.name not in names:
            raise CasesgenError(f"unknown name {node.name!r} in a stack size (known: {', '.join(sorted(names))})")
        return node.name
    if isinstance(node, c_ast.UnaryOp) and node.op in ("-", "+", "~"):
        op = "^" if node.op == "~" else node.op
        return op + _go(node.expr, names, 6)
    if isinstance(node, c_ast.BinaryOp) and node.op in GO_PRECEDENCE:
        prec = GO_PRECEDENCE[node.op]
        text = f"{_go(node.left, names, prec)} {node.op} {_go(node.right, names, prec, right=True)}"
        # Parenthesize every nested operator of another precedence, not only where Go needs it:
        # readers come from C, where & and >> bind differently.
        if parent_prec and (prec != parent_prec or right):
            return f"({text})"
        return text
    raise CasesgenError(f"unsupported construct {type(node).__name__} in a stack size expression")
