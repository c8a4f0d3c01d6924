"""A recursive-descent parser for the C of DSL bodies, over CPython's own lexer tokens.

The model keeps each body as the tokens CPython's lexer produced ([kind, text, line, col]).
This module turns them into a small C syntax tree: statements, declarations, and
expressions with C's precedence. It parses the subset bytecodes.c bodies use; anything
else raises ``Unsupported`` with the line it stopped at, which the translator reports as
the body's reason for staying untranslated. C needs to know which names are types (a
cast `(PyObject *)x` and a product `(a) * x` differ only there): ``types`` is that set.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Statements ---------------------------------------------------------------------------


@dataclass
class Node:
    line: int = field(default=0, kw_only=True, compare=False)


@dataclass
class CType:
    """A C type as written: its base words ('unsigned int', 'PyObject') and pointer depth."""
    base: str
    pointers: int = 0

    def __str__(self) -> str:
        return self.base + " " + "*" * self.pointers if self.pointers else self.base


@dataclass
class Block(Node):
    body: list


@dataclass
class Decl(Node):
    ctype: CType
    name: str
    init: object | None = None
    array: object | None = None  # `T name[N]`


@dataclass
class InitList(Node):
    items: list  # `{a, b, c}`, the initializer of a local array


@dataclass
class ExprStmt(Node):
    expr: object


@dataclass
class If(Node):
    cond: object
    then: object
    orelse: object | None


@dataclass
class While(Node):
    cond: object
    body: object


@dataclass
class DoWhile(Node):
    body: object
    cond: object


@dataclass
class For(Node):
    init: object | None  # a Decl/ExprStmt or None
    cond: object | None
    step: object | None
    body: object


@dataclass
class Return(Node):
    value: object | None


@dataclass
class Jump(Node):
    """break, continue."""
    kind: str


@dataclass
class Goto(Node):
    label: str


@dataclass
class Labeled(Node):
    label: str
    stmt: object


@dataclass
class MacroIf(Node):
    """`#if COND` / `#ifdef NAME` ... `#else` ... `#endif` inside a body."""
    directive: str
    then: list
    orelse: list | None


@dataclass
class Empty(Node):
    pass


# Expressions --------------------------------------------------------------------------


@dataclass
class Name(Node):
    id: str


@dataclass
class Number(Node):
    text: str


@dataclass
class String(Node):
    text: str  # with its quotes, C escapes


@dataclass
class Char(Node):
    text: str


@dataclass
class Call(Node):
    func: object
    args: list


@dataclass
class Member(Node):
    base: object
    name: str
    arrow: bool


@dataclass
class Index(Node):
    base: object
    index: object


@dataclass
class Unary(Node):
    op: str  # '!', '-', '+', '~', '*', '&', '++', '--' (prefix)
    operand: object


@dataclass
class Postfix(Node):
    op: str  # '++', '--'
    operand: object


@dataclass
class Binary(Node):
    op: str
    left: object
    right: object


@dataclass
class Assign(Node):
    op: str  # '=', '+=', ...
    target: object
    value: object


@dataclass
class Conditional(Node):
    cond: object
    then: object
    orelse: object


@dataclass
class Cast(Node):
    ctype: CType
    operand: object


@dataclass
class SizeOf(Node):
    what: object  # a CType or an expression


class Unsupported(Exception):
    """C outside the subset this parser reads; ``line`` is where it stopped."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


# Binary operators by precedence, loosest first (C's table, without the comma operator).
BINARY_LEVELS = [
    ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="], ["<<", ">>"], ["+", "-"],
    ["*", "/", "%"],
]
PRECEDENCE = {op: level for level, ops in enumerate(BINARY_LEVELS) for op in ops}
ASSIGN_OPS = {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="}
TYPE_KEYWORDS = {"int", "char", "short", "long", "unsigned", "signed", "float", "double", "void"}
QUALIFIERS = {"const", "volatile", "static", "register", "restrict", "inline", "extern"}
SKIPPED = {"COMMENT", "NEWLINE"}


class Parser:
    def __init__(self, tokens: list, types: set[str]):
        self.toks = [t for t in tokens if t[0] not in SKIPPED]
        self.pos = 0
        self.types = types

    # -- token helpers ------------------------------------------------------------------
    def peek(self, k: int = 0):
        i = self.pos + k
        return self.toks[i] if i < len(self.toks) else None

    def text(self, k: int = 0) -> str | None:
        t = self.peek(k)
        return t[1] if t else None

    def line(self) -> int | None:
        t = self.peek() or (self.toks[-1] if self.toks else None)
        return t[2] if t else None

    def next(self):
        t = self.peek()
        if t is None:
            raise Unsupported("unexpected end of body", self.line())
        self.pos += 1
        return t

    def expect(self, text: str):
        t = self.next()
        if t[1] != text:
            raise Unsupported(f"expected '{text}', found '{t[1]}'", t[2])
        return t

    def accept(self, text: str) -> bool:
        if self.text() == text:
            self.pos += 1
            return True
        return False

    # -- types --------------------------------------------------------------------------
    def is_type_name(self, word: str | None) -> bool:
        return word is not None and (word in TYPE_KEYWORDS or word in self.types or word == "struct")

    def starts_type(self, k: int = 0) -> bool:
        """Whether tokens at k start a type name (for casts, sizeof and declarations)."""
        while self.text(k) in QUALIFIERS:
            k += 1
        return self.is_type_name(self.text(k))

    def ctype(self, declared: bool = False) -> CType:
        """A type name; `declared`: in a declaration, whose shape already says the first word is a type."""
        words = []
        while self.text() in QUALIFIERS:
            self.next()
        if self.accept("struct"):
            words.append("struct")
        while True:
            word = self.text()
            if word in QUALIFIERS:
                self.next()
            elif word in TYPE_KEYWORDS or (not words or words == ["struct"]) and word is not None and (
                    word in self.types or words == ["struct"] or declared and not words):
                words.append(self.next()[1])
            else:
                break
        if not words:
            raise Unsupported(f"expected a type, found '{self.text()}'", self.line())
        pointers = 0
        while self.text() in ("*",) or self.text() in QUALIFIERS:
            if self.next()[1] == "*":
                pointers += 1
        return CType(" ".join(words), pointers)

    def pointer_cast_ahead(self) -> bool:
        """`( NAME * ... )` after the current `(`: a cast to a pointer type, whatever NAME is."""
        k = 1
        while self.text(k) in QUALIFIERS:
            k += 1
        t = self.peek(k)
        if t is None or t[0] != "IDENTIFIER" or self.text(k + 1) != "*":
            return False
        k += 1
        while self.text(k) == "*":
            k += 1
        return self.text(k) == ")"

    def looks_like_declaration(self) -> bool:
        """`T x`, `T *x`, `T **x` followed by = ; , or [ (T a type or an unknown identifier)."""
        k = 0
        while self.text(k) in QUALIFIERS:
            k += 1
        first = self.peek(k)
        if first is None:
            return False
        if first[1] in TYPE_KEYWORDS or first[1] == "struct":
            return True
        if first[0] != "IDENTIFIER":
            return False
        k += 1
        while self.text(k) in ("*", "const"):
            k += 1
        name = self.peek(k)
        if name is None or name[0] != "IDENTIFIER":
            return False
        # `T x` (two names in a row) is a declaration; `T *x = ...` is one unless T is a value
        # (`a * b;` is no statement a body would hold).
        return self.text(k + 1) in ("=", ";", ",", "[")

    # -- statements ---------------------------------------------------------------------
    def body(self) -> Block:
        """The whole body: one brace block."""
        line = self.line()
        stmt = self.statement()
        if self.peek() is not None:
            raise Unsupported(f"unexpected '{self.text()}' after the body", self.line())
        return stmt if isinstance(stmt, Block) else Block([stmt], line=line)

    def block(self) -> Block:
        line = self.expect("{")[2]
        stmts = []
        while self.text() != "}":
            if self.peek() is None:
                raise Unsupported("unbalanced braces", line)
            stmts.extend(self.statements())
        self.next()
        return Block(stmts, line=line)

    def statements(self) -> list:
        """One statement, or several Decls for `T a, b;`."""
        if self.looks_like_declaration():
            return self.declaration()
        return [self.statement()]

    def declaration(self) -> list:
        line = self.line()
        ctype = self.ctype(declared=True)
        decls = []
        while True:
            # `T *a, *b`: the first declarator's star was read with the type; each later one has its own
            pointers = ctype.pointers if not decls else 0
            while self.accept("*"):
                pointers += 1
            name = self.next()
            if name[0] != "IDENTIFIER":
                raise Unsupported(f"expected a declared name, found '{name[1]}'", name[2])
            array = None
            unsized = False
            if self.accept("["):
                unsized = self.accept("]")  # `T name[] = {a, b}`: the size is the items' count
                if not unsized:
                    array = self.expression()
                    self.expect("]")
            init = None
            if self.accept("="):
                if self.accept("{"):  # an array's items: PyObject *stack[5] = {NULL, a, b};
                    items = []
                    while not self.accept("}"):
                        items.append(self.assignment())
                        if not self.accept(","):
                            self.expect("}")
                            break
                    init = InitList(items, line=line)
                    if unsized:
                        array = Number(str(len(items)), line=line)
                else:
                    init = self.assignment()
            decls.append(Decl(CType(ctype.base, pointers), name[1], init, array, line=line))
            if not self.accept(","):
                break
        self.expect(";")
        return decls

    def statement(self):
        t = self.peek()
        if t is None:
            raise Unsupported("unexpected end of body", self.line())
        kind, text, line = t[0], t[1], t[2]
        if text == "{":
            return self.block()
        if text == ";":
            self.next()
            return Empty(line=line)
        if kind == "CMACRO_IF":
            return self.macro_if()
        if kind.startswith("CMACRO"):
            raise Unsupported(f"preprocessor line {text.strip()!r}", line)
        if text == "if":
            self.next()
            self.expect("(")
            cond = self.expression()
            self.expect(")")
            then = self.statement()
            orelse = self.statement() if self.accept("else") else None
            return If(cond, then, orelse, line=line)
        if text == "while":
            self.next()
            self.expect("(")
            cond = self.expression()
            self.expect(")")
            return While(cond, self.statement(), line=line)
        if text == "do":
            self.next()
            body = self.statement()
            self.expect("while")
            self.expect("(")
            cond = self.expression()
            self.expect(")")
            self.expect(";")
            return DoWhile(body, cond, line=line)
        if text == "for":
            self.next()
            self.expect("(")
            init = None
            if not self.accept(";"):
                if self.looks_like_declaration():
                    decls = self.declaration()
                    if len(decls) != 1:
                        raise Unsupported("several declarations in a for header", line)
                    init = decls[0]
                else:
                    init = ExprStmt(self.expression(), line=line)
                    self.expect(";")
            cond = None if self.text() == ";" else self.expression()
            self.expect(";")
            step = None if self.text() == ")" else self.expression()
            self.expect(")")
            return For(init, cond, step, self.statement(), line=line)
        if text == "return":
            self.next()
            value = None if self.text() == ";" else self.expression()
            self.expect(";")
            return Return(value, line=line)
        if text in ("break", "continue"):
            self.next()
            self.expect(";")
            return Jump(text, line=line)
        if text == "goto":
            self.next()
            label = self.next()[1]
            self.expect(";")
            return Goto(label, line=line)
        if text in ("switch", "case", "default"):
            raise Unsupported(f"'{text}' statement", line)
        if kind == "IDENTIFIER" and self.text(1) == ":" :
            self.next()
            self.next()
            return Labeled(text, self.statement(), line=line)
        if self.looks_like_declaration():
            decls = self.declaration()
            return decls[0] if len(decls) == 1 else Block(decls, line=line)
        expr = self.expression()
        self.expect(";")
        return ExprStmt(expr, line=line)

    def macro_if(self) -> MacroIf:
        start = self.next()
        directive = start[1].strip()
        then: list = []
        orelse = None
        current = then
        while True:
            t = self.peek()
            if t is None:
                raise Unsupported(f"{directive!r} without #endif", start[2])
            if t[0] == "CMACRO_ELSE":
                self.next()
                orelse = current = []
                continue
            if t[0] == "CMACRO_ENDIF":
                self.next()
                return MacroIf(directive, then, orelse, line=start[2])
            current.extend(self.statements())

    # -- expressions --------------------------------------------------------------------
    def expression(self):
        expr = self.assignment()
        if self.text() == ",":
            raise Unsupported("comma operator", self.line())
        return expr

    def assignment(self):
        left = self.conditional()
        if self.text() in ASSIGN_OPS:
            op = self.next()
            return Assign(op[1], left, self.assignment(), line=op[2])
        return left

    def conditional(self):
        cond = self.binary(0)
        if self.text() == "?":
            line = self.next()[2]
            then = self.expression()
            self.expect(":")
            return Conditional(cond, then, self.conditional(), line=line)
        return cond

    def binary(self, level: int):
        """Operators of BINARY_LEVELS[level] or tighter, left-associative. Precedence climbing: a
        call per operator, not one per level for every operand (ten for each name and number)."""
        left = self.unary()
        while (tighter := PRECEDENCE.get(self.text())) is not None and tighter >= level:
            op = self.next()
            left = Binary(op[1], left, self.binary(tighter + 1), line=op[2])
        return left

    def unary(self):
        t = self.peek()
        if t is None:
            raise Unsupported("unexpected end of expression", self.line())
        text, line = t[1], t[2]
        if text in ("!", "-", "+", "~", "*", "&", "++", "--"):
            self.next()
            return Unary(text, self.unary(), line=line)
        if text == "sizeof":
            self.next()
            if self.text() == "(" and self.starts_type(1):
                self.next()
                ctype = self.ctype()
                self.expect(")")
                return SizeOf(ctype, line=line)
            return SizeOf(self.unary(), line=line)
        if text == "(" and (self.starts_type(1) or self.pointer_cast_ahead()):
            save = self.pos
            self.next()
            ctype = self.ctype(declared=True)
            if self.accept(")") and self.text() not in (None, ";", ")", ",", "]"):
                return Cast(ctype, self.unary(), line=line)
            self.pos = save  # `(name)` where name is a value after all
        return self.postfix(self.primary())

    def postfix(self, expr):
        while True:
            t = self.peek()
            if t is None:
                return expr
            text, line = t[1], t[2]
            if text == "(":
                self.next()
                args = []
                if not self.accept(")"):
                    while True:
                        args.append(self.assignment())
                        if self.accept(")"):
                            break
                        self.expect(",")
                expr = Call(expr, args, line=line)
            elif text == "[":
                self.next()
                index = self.expression()
                self.expect("]")
                expr = Index(expr, index, line=line)
            elif text in (".", "->"):
                self.next()
                name = self.next()
                if not (name[1][:1].isalpha() or name[1][:1] == "_"):  # DSL keywords (`op`) name members too
                    raise Unsupported(f"expected a member name, found '{name[1]}'", name[2])
                expr = Member(expr, name[1], text == "->", line=line)
            elif text in ("++", "--"):
                self.next()
                expr = Postfix(text, expr, line=line)
            else:
                return expr

    def primary(self):
        t = self.next()
        kind, text, line = t[0], t[1], t[2]
        if kind == "IDENTIFIER":
            return Name(text, line=line)
        if kind == "NUMBER":
            return Number(text, line=line)
        if kind == "STRING":
            parts = [text]
            while self.peek() is not None and self.peek()[0] == "STRING":
                parts.append(self.next()[1])  # adjacent literals concatenate
            return String("".join(p[1:-1] for p in parts).join('""'), line=line)
        if kind == "CHARACTER":
            return Char(text, line=line)
        if text == "(":
            expr = self.expression()
            self.expect(")")
            return expr
        raise Unsupported(f"unexpected '{text}' in an expression", line)


def parse_body(tokens: list, types: set[str]) -> Block:
    """The syntax tree of one DSL body (the model's token list, braces included)."""
    return Parser(tokens, types).body()
