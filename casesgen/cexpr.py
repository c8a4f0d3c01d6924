"""C integer expressions (the DSL's symbolic stack sizes) as Go expressions, or as numbers.

pycparser parses the C; the printer re-parenthesizes by Go's precedence, which
differs from C's (in C ``a + b & c`` is ``(a + b) & c``; in Go it is
``a + (b & c)``), so the tree, not the text, carries the meaning across.
``evaluate`` walks the same tree with C's integer semantics (no ``eval`` of text).
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
def _parse(expr: str):
    try:
        ast = c_parser.CParser().parse(f"int f(void) {{ return {expr}; }}", "<expr>")
    except Exception as e:  # pycparser raises ParseError, sometimes others
        raise CasesgenError(f"cannot parse stack size expression {expr!r}: {e}") from None
    return ast.ext[0].body.block_items[0].expr


@lru_cache(maxsize=None)
def to_go(expr: str, names: tuple[str, ...] = ("oparg",)) -> str:
    """Translate one C integer expression over ``names`` into Go source."""
    return _go(_parse(expr), set(names))


def evaluate(expr: str, values: dict[str, int]) -> int:
    """The value of one C integer expression (the subset ``to_go`` accepts) with ``values`` for its names."""
    return _value(_parse(expr), values)


def _c_int(literal: str) -> int:
    digits = literal.rstrip("uUlL")
    if digits[:2].lower() in ("0x", "0b"):
        return int(digits, 0)
    return int(digits, 8) if len(digits) > 1 and digits.startswith("0") else int(digits)


def _c_div(a: int, b: int) -> int:
    if b == 0:
        raise CasesgenError("division by zero in a stack size")
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


_C_BINARY = {
    "*": lambda a, b: a * b, "/": _c_div, "%": lambda a, b: a - _c_div(a, b) * b,
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "<<": lambda a, b: a << b, ">>": lambda a, b: a >> b,
    "&": lambda a, b: a & b, "|": lambda a, b: a | b, "^": lambda a, b: a ^ b,
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b), "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b), ">": lambda a, b: int(a > b), ">=": lambda a, b: int(a >= b),
    "&&": lambda a, b: int(bool(a) and bool(b)), "||": lambda a, b: int(bool(a) or bool(b)),
}
_C_UNARY = {"-": lambda a: -a, "+": lambda a: a, "~": lambda a: ~a}


def _value(node, values: dict[str, int]) -> int:
    if isinstance(node, c_ast.Constant) and node.type == "int":
        return _c_int(node.value)
    if isinstance(node, c_ast.ID) and node.name in values:
        return values[node.name]
    if isinstance(node, c_ast.UnaryOp) and node.op in _C_UNARY:
        return _C_UNARY[node.op](_value(node.expr, values))
    if isinstance(node, c_ast.BinaryOp) and node.op in _C_BINARY:
        return _C_BINARY[node.op](_value(node.left, values), _value(node.right, values))
    _go(node, set(values))  # raises the same error the Go translation gives
    raise CasesgenError(f"unsupported construct {type(node).__name__} in a stack size expression")


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
