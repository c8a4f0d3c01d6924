"""C syntax tree of one body -> the Go statements of its body function.

The back end keeps a Go type for every expression, because Go, unlike C, converts nothing
implicitly: a C condition `if (res_o == NULL)` or `if (err)` needs `res_o == nil` or
`err != 0`, an `int` assigned from `oparg` needs `int(oparg)`. What a name, macro or call
becomes is the mapping's business (mapping.py); this module only walks the tree. The first
construct it cannot express stops the body with ``NotTranslated(reason)``: the body then keeps
its generated stub, and the reason is counted in the gauge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..signatures import TYPED_ITEMS, TYPED_SYMBOLS, Signature, go_local
from . import cparse as c
from .mapping import Mapping, norm_ctype

INT_TYPES = {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
             "byte"}
UNTYPED_INT, UNTYPED_FLOAT = "untyped int", "untyped float"
NUMERIC = INT_TYPES | {"float64", "float32", UNTYPED_INT, UNTYPED_FLOAT}
# The [calls] key of C's byte offset into an object, `(char *)o + offset`: the runtime function that
# names the object cell at that offset (a slot, an inline value, the managed dict).
BYTE_OFFSET = "(char *) +"
# [calls] keys "(T)" translate a cast of an object to the C type T (a trace operand that CPython
# stores as a pointer the runtime keeps as an object): "(_Py_CODEUNIT *)" for _SET_IP's instr_ptr.
GO_BINARY = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "+": 4, "-": 4, "|": 4, "^": 4,
             "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5, "&": 5}


class NotTranslated(Exception):
    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class Expr:
    go: str
    type: str
    prec: int = 9  # Go precedence of the outermost operator (9: an operand)

    def paren(self, prec: int) -> str:
        return self.go if self.prec >= prec else f"({self.go})"


@dataclass
class Body:
    sig: Signature
    mapping: Mapping
    file: str  # for //line directives
    constants: dict[str, tuple[str, str]] = field(default_factory=dict)  # opcode/uop name -> (Go, type)
    scopes: list[dict[str, tuple[str, str]]] = field(default_factory=list)  # C name -> (Go name, Go type)
    lines: list[str] = field(default_factory=list)
    depth: int = 1
    declared: list[tuple[int, str]] = field(default_factory=list)  # (index in lines, Go name)
    unread: set[int] = field(default_factory=set)  # the declarations (index in lines) whose value is a read
    loops: int = 0  # how many loops the statement being translated is in

    # -- output ---------------------------------------------------------------------------
    def emit(self, text: str, line: int | None = None) -> None:
        if line:
            self.lines.append(f"//line {self.file}:{line}")
        self.lines.append("\t" * self.depth + text)

    def returns(self, exit: str) -> str:
        return "return " + ", ".join([r.returned for r in self.sig.results] + [exit])

    # -- names and types ------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[str, str] | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def go_type(self, ctype: c.CType, line) -> str:
        key = norm_ctype(str(ctype))
        if key in self.mapping.types:
            return self.mapping.types[key]
        raise NotTranslated(f"C type '{key}' is not in [types]", line)

    def convert(self, e: Expr, want: str, line) -> str:
        """e's Go source as a value of type want, converting numbers as C would implicitly."""
        if e.type == want or want is None:
            return e.go
        if e.type == "nil":
            return "nil"
        if e.type in (UNTYPED_INT, UNTYPED_FLOAT) and want in NUMERIC:
            return e.go
        if e.type in NUMERIC and want in NUMERIC:
            return f"{want}({e.go})"
        if want == "*" + e.type:  # a C macro that updates its argument in place
            return "&" + e.paren(9)
        if e.type == "*" + (want or ""):
            raise NotTranslated(f"a pointer where a {want} is wanted", line)
        if want == "bool" and e.type != "bool":
            return self.truth(e, line).go
        if e.type == "bool" and want in INT_TYPES:
            return f"{want}(boolToInt({e.go}))"  # C's bool is an int; boolToInt is in op_bodies_gen.go
        raise NotTranslated(f"cannot use a {e.type} as a {want}", line)

    def truth(self, e: Expr, line) -> Expr:
        """A C condition as a Go bool."""
        if e.type == "bool":
            return e
        if e.type in NUMERIC:
            return Expr(f"{e.paren(4)} != 0", "bool", 3)
        if e.type.startswith(("*", "[]", "func(")) or e.type == self.mapping.types.get("PyObject *"):
            return Expr(f"{e.paren(4)} != nil", "bool", 3)
        raise NotTranslated(f"a {e.type} used as a condition", line)

    # -- statements -----------------------------------------------------------------------
    def block(self, stmts: list) -> None:
        self.scopes.append({})
        for s in stmts:
            self.stmt(s)
        self.scopes.pop()

    def nested(self, opener: str, stmt, line=None, loop: bool = False) -> None:
        self.emit(opener + " {", line)
        self.depth += 1
        self.loops += loop
        self.block(stmt.body if isinstance(stmt, c.Block) else [stmt])
        self.loops -= loop
        self.depth -= 1

    def stmt(self, s) -> None:
        line = s.line
        if isinstance(s, c.Block):
            self.nested("", s, line)
            self.emit("}")
        elif isinstance(s, c.Empty):
            pass
        elif isinstance(s, c.Decl):
            self.decl(s)
        elif isinstance(s, c.ExprStmt):
            self.expr_stmt(s.expr, line)
        elif isinstance(s, c.If):
            self.if_stmt(s)
        elif isinstance(s, c.While):
            self.nested(f"for {self.truth(self.expr(s.cond), line).go}", s.body, line, loop=True)
            self.emit("}")
        elif isinstance(s, c.DoWhile):
            self.nested("for", s.body, line, loop=True)
            self.depth += 1
            self.emit(f"if !({self.truth(self.expr(s.cond), line).go}) {{")
            self.emit("\tbreak")
            self.emit("}")
            self.depth -= 1
            self.emit("}")
        elif isinstance(s, c.For):
            self.for_stmt(s)
        elif isinstance(s, c.Jump) and not self.loops:
            if s.kind != "break":
                raise NotTranslated("continue outside a loop", line)
            # break out of the op's case (an optimizer override giving up: `ctx->done = true; break;`):
            # the op ends here
            self.emit(self.returns("ExitNext"), line)
        elif isinstance(s, c.Jump):
            self.emit(s.kind, line)
        elif isinstance(s, c.Goto):
            if s.label.endswith("error") or s.label == "exception_unwind":  # the error is set: unwind
                self.emit(self.returns("ExitError"), line)
            else:
                raise NotTranslated(f"goto {s.label}", line)
        elif isinstance(s, c.Return):
            exit = self.mapping.exits.get("return")
            if exit is None or isinstance(exit, str) or s.value is None:
                raise NotTranslated("a C return statement", line)
            self.emit(self.returns(self.call(exit, [s.value], line).go), line)  # INTERPRETER_EXIT leaves the loop
        elif isinstance(s, c.MacroIf):
            self.macro_if(s)
        else:
            raise NotTranslated(f"{type(s).__name__} statement", line)

    def decl(self, d: c.Decl) -> None:
        if d.array is not None:
            if not isinstance(d.init, c.InitList):
                raise NotTranslated("a local C array", d.line)
            # T name[N] = {a, b}: a Go slice of N items, the ones not given zero
            t = self.go_type(d.ctype, d.line)
            n = self.expr(d.array)
            if n.type not in (UNTYPED_INT, "int"):
                raise NotTranslated("a local C array of no constant size", d.line)
            items = [self.convert(self.expr(x), t, d.line) for x in d.init.items]
            name = go_local(d.name)
            self.emit(f"var {name} = make([]{t}, {n.go})", d.line)
            if items:
                self.emit(f"copy({name}, []{t}{{{', '.join(items)}}})")
            self.scopes[-1][d.name] = (name, "[]" + t, d.ctype.base)
            self.declared.append((len(self.lines) - 1, name))
            return
        if isinstance(d.init, c.InitList):
            raise NotTranslated("a brace initializer of a scalar", d.line)
        if isinstance(d.init, c.Assign) and d.init.op == "=":
            # T a = b = v: b = v, then a takes b
            self.emit(self.simple(d.init, d.line), d.line)
            d = c.Decl(d.ctype, d.name, d.init.target, d.array, line=d.line)
        t = self.go_type(d.ctype, d.line)
        name = go_local(d.name)
        if self.lookup(d.name) is not None and d.name in self.scopes[-1]:
            raise NotTranslated(f"'{d.name}' declared twice", d.line)
        if d.init is None:
            self.emit(f"var {name} {t}", d.line)
        else:
            init = self.expr(d.init)
            cell = "*" + self.mapping.types.get("PyObject *", "")
            if init.type == cell and d.ctype.base in ("PyObject", "char") and d.ctype.pointers in (1, 2):
                t = cell  # PyObject **p / char *addr = (char *)o + offset: a cell of the object
            elif init.type.startswith("*") and t == "[]" + init.type[1:]:
                t = init.type  # _PyStackRef *p = &GETLOCAL(i): a pointer to one item, not an array
            value = self.convert(init, t, d.line)
            self.emit(f"var {name} {t} = {value}", d.line)
            if self.reads_only(d.init):
                self.unread.add(len(self.lines) - 1)
        self.scopes[-1][d.name] = (name, t, d.ctype.base)
        self.declared.append((len(self.lines) - 1, name))

    def reads_only(self, e) -> bool:
        """An expression without effects: names, members, items, dereferences, casts, and the calls
        mapping.toml marks `reads` (or passes an argument through, `{0}`)."""
        if isinstance(e, (c.Name, c.Number)):
            return True
        if isinstance(e, c.Member):
            return self.reads_only(e.base)
        if isinstance(e, c.Index):
            return self.reads_only(e.base) and self.reads_only(e.index)
        if isinstance(e, c.Unary) and e.op in ("*", "&"):
            return self.reads_only(e.operand)
        if isinstance(e, c.Cast):
            return self.reads_only(e.operand)
        if isinstance(e, c.Call) and isinstance(e.func, c.Name):
            cm = self.mapping.calls.get(e.func.id)
            return cm is not None and (cm.reads or cm.kind == "identity") and all(map(self.reads_only, e.args))
        return False

    def if_stmt(self, s: c.If) -> None:
        cond = self.truth(self.expr(s.cond), s.line).go
        self.nested(f"if {cond}", s.then, s.line)
        orelse = s.orelse
        while isinstance(orelse, c.If):
            cond = self.truth(self.expr(orelse.cond), orelse.line).go
            self.nested(f"}} else if {cond}", orelse.then)
            orelse = orelse.orelse
        if orelse is not None:
            self.nested("} else", orelse)
        self.emit("}")

    def for_stmt(self, s: c.For) -> None:
        self.scopes.append({})
        init = ""
        if isinstance(s.init, c.Decl):
            t = self.go_type(s.init.ctype, s.line)
            if s.init.init is None:
                raise NotTranslated("a for loop variable without a value", s.line)
            init = f"{go_local(s.init.name)} := {t}({self.expr(s.init.init).go})"
            self.scopes[-1][s.init.name] = (go_local(s.init.name), t, s.init.ctype.base)
        elif isinstance(s.init, c.ExprStmt):
            init = self.simple(s.init.expr, s.line)
        cond = self.truth(self.expr(s.cond), s.line).go if s.cond is not None else ""
        step = self.simple(s.step, s.line) if s.step is not None else ""
        self.nested(f"for {init}; {cond}; {step}", s.body, s.line, loop=True)
        self.emit("}")
        self.scopes.pop()

    def macro_if(self, s: c.MacroIf) -> None:
        d = s.directive
        word, _, rest = d.partition(" ")
        rest = " ".join(rest.split())
        if word == "#ifdef":
            key, negate = rest, False
        elif word == "#ifndef":
            key, negate = rest, True
        elif word == "#if":
            key, negate = rest, False
            if key.startswith("!"):
                key, negate = key[1:].strip(), True
        else:
            raise NotTranslated(f"preprocessor {d!r}", s.line)
        key = key.split("//")[0].split("/*")[0].strip()
        if key.startswith("defined(") and key.endswith(")"):
            key = key[len("defined("):-1].strip()
        if key not in self.mapping.conditions:
            raise NotTranslated(f"preprocessor condition '{key}' is not in [conditions]", s.line)
        taken = self.mapping.conditions[key] != negate
        self.block(s.then if taken else (s.orelse or []))

    def simple(self, e, line) -> str:
        """An expression used as a statement (a Go simple statement)."""
        if isinstance(e, c.Assign) and isinstance(e.value, c.Assign) and e.op == "=" and e.value.op == "=":
            # a = b = c: b = c, then a = b (frame = tstate->current_frame = temp)
            inner, outer = self.simple(e.value, line), self.assign(c.Assign('=', e.target, e.value.target, line=line))
            lhs, _, rhs = outer.partition(" = ")
            return inner if lhs == rhs else f"{inner}; {outer}"  # both names one Go variable: once
        if isinstance(e, c.Assign):
            return self.assign(e)
        if isinstance(e, (c.Postfix, c.Unary)) and e.op in ("++", "--"):
            if isinstance(e.operand, c.Member) and self.member_key(e.operand) in self.mapping.setters:
                return self.assign(c.Assign(e.op[0] + "=", e.operand, c.Number("1", line=line), line=line))
            target = self.expr(e.operand)
            if target.type.startswith("[]"):  # pointer arithmetic over an array (the value stack)
                return f"{target.go} = shift({target.go}, {'1' if e.op == '++' else '-1'})"
            if target.type not in NUMERIC:
                raise NotTranslated(f"'{e.op}' on a {target.type}", line)
            return f"{target.go}{e.op}"
        x = self.expr(e)
        if not isinstance(e, c.Call):
            raise NotTranslated("an expression statement that is not a call or an assignment", line)
        return x.go

    def expr_stmt(self, e, line) -> None:
        if isinstance(e, c.Assign) and e.op == "=" and not isinstance(e.value, c.Assign) and \
                member_path(e.target) == "tstate->current_frame" and "frame" in self.mapping.names:
            # The thread's frame changes but C's `frame` stays the frame this op runs in
            # (INTERPRETER_EXIT reads its entry frame afterwards): the runtime names both
            # e.Frame, so the body keeps the old one in a local of its own from here on.
            go, typ = self.mapping.names["frame"]
            self.emit(f"var entry_frame {typ} = {go}", line)
            self.declared.append((len(self.lines) - 1, "entry_frame"))
            self.emit(self.assign(e), line)
            self.scopes[-1]["frame"] = ("entry_frame", typ, "_PyInterpreterFrame")
            return
        if isinstance(e, c.Call) and isinstance(e.func, c.Name):
            name = e.func.id
            if name in self.mapping.drop:
                return
            cm = self.mapping.calls.get(name)
            if cm is not None and cm.declares and e.args and isinstance(e.args[-1], c.Name):
                local = e.args[-1].id
                value = self.call(cm, e.args[:-1], line)
                go = go_local(local)
                self.emit(f"var {go} {cm.result} = {value.go}", line)
                self.scopes[-1][local] = (go, cm.result, "")
                self.declared.append((len(self.lines) - 1, go))
                return
            if cm is not None and cm.kind == "clear" and len(e.args) == 1:
                self.emit(self.assign(c.Assign("=", e.args[0], c.Name("NULL", line=line), line=line)), line)
                return
            if cm is not None and cm.kind == "assign" and len(e.args) == 2:
                self.emit(self.assign(c.Assign("=", e.args[0], e.args[1], line=line)), line)
                return
            if cm is not None and cm.kind == "statement" and len(e.args) == len(cm.args):
                go = cm.target
                for i, (arg, t) in enumerate(zip(e.args, cm.args)):
                    x = self.expr(arg)
                    v = self.convert(x, t, line)
                    go = go.replace(f"{{{i}}}", Expr(v, t, x.prec if v == x.go else 9).paren(9))
                self.emit(go, line)
                return
            if name in self.mapping.exits:
                exit = self.mapping.exits[name]
                if not isinstance(exit, str):  # the runtime decides: return ..., e.DispatchInlined(new_frame)
                    self.emit(self.returns(self.call(exit, e.args, line).go), line)
                    return
                if e.args:
                    cond = self.truth(self.expr(e.args[0]), line).go
                    self.emit(f"if {cond} {{", line)
                    self.emit("\t" + self.returns(exit))
                    self.emit("}")
                else:
                    self.emit(self.returns(exit), line)
                return
        if isinstance(e, c.Cast) and e.ctype.base == "void":
            self.emit(f"_ = {self.expr(e.operand).go}", line)
            return
        self.emit(self.simple(e, line), line)

    def assign(self, a: c.Assign) -> str:
        t = a.target
        if a.op == "=" and isinstance(t, c.Unary) and t.op == "*" and isinstance(t.operand, c.Postfix) \
                and t.operand.op == "++":
            # *p++ = v over an array: the item, then the pointer one further
            p = self.expr(t.operand.operand)
            if p.type.startswith("[]"):
                value = self.convert(self.expr(a.value), p.type[2:], a.line)
                return f"{p.paren(9)}[0] = {value}; {p.go} = shift({p.go}, 1)"
        target = self.expr(a.target)
        value = self.expr(a.value)
        if isinstance(t, c.Name) and t.id == "oparg" and target.go == "int(oparg)":
            # oparg >>= 8: C's int oparg is read as int(oparg) and written back as the uint32 it is
            new = value if a.op == "=" else Expr(f"int(oparg) {a.op[:-1]} {value.paren(5)}", "int", 4)
            return f"oparg = uint32({new.go})"
        path = member_path(a.target) if isinstance(a.target, (c.Member, c.Index)) else \
            a.target.id if isinstance(a.target, c.Name) else None
        if path in self.mapping.setters:
            if a.op != "=":
                raise NotTranslated(f"'{a.op}' on {path}", a.line)
            return self.mapping.setters[path].replace("{0}", self.convert(value, target.type, a.line))
        key = self.member_key(a.target) if isinstance(a.target, c.Member) else None
        if key in self.mapping.setters:  # Type.field: {0} the struct, {1} the value
            if a.op != "=":
                value = Expr(f"{target.paren(4)} {a.op[:-1]} {Expr(self.convert(value, target.type, a.line), target.type).paren(5)}",
                             target.type, 4)
            return (self.mapping.setters[key].replace("{0}", self.expr(self.member_root(a.target)).paren(9))
                    .replace("{1}", self.convert(value, target.type, a.line)))
        if a.op == "=":
            return f"{target.go} = {self.convert(value, target.type, a.line)}"
        if target.type not in NUMERIC:
            raise NotTranslated(f"'{a.op}' on a {target.type}", a.line)
        return f"{target.go} {a.op} {self.convert(value, target.type, a.line)}"

    # -- expressions ----------------------------------------------------------------------
    def expr(self, e) -> Expr:
        line = e.line
        if isinstance(e, c.Name):
            known = self.lookup(e.id)
            if known is not None:
                return Expr(known[0], known[1])
            if e.id in self.mapping.names:
                go, typ = self.mapping.names[e.id]
                return Expr(go, typ)
            if e.id in self.constants:
                return Expr(*self.constants[e.id])
            if e.id in self.mapping.calls and not self.mapping.calls[e.id].args:
                return self.call(self.mapping.calls[e.id], [], line)  # a macro used without parentheses
            raise NotTranslated(f"name '{e.id}' is not in [names]", line)
        if isinstance(e, c.Number):
            text = e.text.rstrip("uUlL")
            if any(ch in text for ch in ".eE") and not text.lower().startswith("0x"):
                return Expr(text.rstrip("fF"), UNTYPED_FLOAT)
            if len(text) > 1 and text[0] == "0" and text[1].isdigit():
                text = "0o" + text[1:]
            return Expr(text, UNTYPED_INT)
        if isinstance(e, c.String):
            return Expr(e.text, "string")
        if isinstance(e, c.Char):
            return Expr(e.text, UNTYPED_INT)
        if isinstance(e, c.Call):
            table = table_key(e.func)
            if table in self.mapping.calls:
                # a call through a table of functions (_PyEval_BinaryOps[oparg](l, r),
                # _PyIntrinsics_UnaryFunctions[oparg].func(...)): the index is the first argument
                index = e.func.index if isinstance(e.func, c.Index) else e.func.base.index
                return self.call(self.mapping.calls[table], [index, *e.args], line)
            if not isinstance(e.func, c.Name):
                f = self.expr(e.func)  # Py_TYPE(o)->tp_iternext(o): a field that holds a function
                if f.type.startswith("func("):
                    return self.call_value((f.paren(9), f.type), e.args, line)
                raise NotTranslated("a call through a function pointer", line)
            name = e.func.id
            whole = macro_key(e)
            if whole in self.mapping.names:  # _Py_ID(__build_class__): a macro over identifiers
                go, typ = self.mapping.names[whole]
                return Expr(go, typ)
            known = self.lookup(name)
            if known is not None and known[1].startswith("func("):  # a local holding a function
                return self.call_value(known, e.args, line)
            if name in self.mapping.calls:
                return self.call(self.mapping.calls[name], e.args, line)
            if name in self.mapping.exits or name in self.mapping.drop:
                raise NotTranslated(f"{name}() inside an expression", line)
            raise NotTranslated(f"call {name}() is not in [calls]", line)
        if isinstance(e, c.Unary):
            if e.op == "!":
                return Expr("!" + self.truth(self.expr(e.operand), line).paren(9), "bool", 8)
            if e.op in ("-", "+", "~"):
                x = self.expr(e.operand)
                if x.type not in NUMERIC:
                    raise NotTranslated(f"unary '{e.op}' on a {x.type}", line)
                return Expr(("^" if e.op == "~" else e.op) + x.paren(9), x.type, 8)
            if e.op == "&" and isinstance(e.operand, c.Index) and isinstance(e.operand.base, c.Name) and \
                    e.operand.base.id + "[]" in self.mapping.calls:
                # the address of an object stored in a table (&_PyLong_SMALL_INTS[i]) is that object
                return self.call(self.mapping.calls[e.operand.base.id + "[]"], [e.operand.index], line)
            if e.op == "&" and isinstance(e.operand, c.Index):
                x = self.expr(e.operand)  # &table[i] of a table of objects is that object
                if x.type == self.mapping.types.get("PyObject *"):
                    return x
            static = e.operand.id if isinstance(e.operand, c.Name) else macro_key(e.operand)
            if e.op == "&" and static and "&" + static in self.mapping.names:
                go, typ = self.mapping.names["&" + static]  # a static object: &PyLong_Type, &_Py_STR(empty)
                return Expr(go, typ)
            if e.op == "&" and isinstance(e.operand, c.Call) and isinstance(e.operand.func, c.Name) and \
                    e.operand.func.id in self.mapping.calls and self.mapping.calls[e.operand.func.id].deref:
                # &GETLOCAL(i): the pointer the mapped function returns, without its dereference
                x = self.call(self.mapping.calls[e.operand.func.id], e.operand.args, line)
                return Expr(x.go.removeprefix("*"), "*" + x.type, 9)
            if e.op == "&" and isinstance(e.operand, (c.Name, c.Member, c.Index)):
                x = self.expr(e.operand)  # the address of an assignable value: a pointer parameter
                return Expr("&" + x.paren(9), "*" + x.type, 8)
            if e.op == "*":
                x = self.expr(e.operand)
                if x.type.startswith("[]"):  # an array item of the stack: *res is res[0]
                    return Expr(f"{x.paren(9)}[0]", x.type[2:])
                if x.type.startswith("*"):  # a cell of an object (BYTE_OFFSET): *value_ptr
                    return Expr(f"*{x.paren(9)}", x.type[1:], 8)
            if e.op in ("++", "--"):  # --i as a value: the step, then the new value
                x = self.expr(e.operand)
                if x.type not in NUMERIC:
                    raise NotTranslated(f"'{e.op}' on a {x.type}", line)
                step = self.simple(e, line)
                return Expr(f"func() {x.type} {{ {step}; return {x.go} }}()", x.type)
            raise NotTranslated(f"unary '{e.op}' (pointers)", line)
        if isinstance(e, c.Binary):
            return self.binary(e)
        if isinstance(e, c.Index):
            base = self.expr(e.base)
            if not base.type.startswith("[]"):
                raise NotTranslated(f"indexing a {base.type}", line)
            index = self.convert(self.expr(e.index), "int", line)
            return Expr(f"{base.paren(9)}[{index}]", base.type[2:])
        if isinstance(e, c.Cast):
            if e.ctype.base == "void":
                raise NotTranslated("a (void) cast inside an expression", line)
            t = self.go_type(e.ctype, line)
            x = self.expr(e.operand)
            if x.type == t or x.type == "nil":
                return Expr(x.go, t, x.prec)
            if x.type == "*" + self.mapping.types.get("PyObject *", "") and e.ctype.pointers == 2:
                return x  # (PyObject **)((char *)o + offset): the cell itself
            if x.type == self.mapping.types.get("PyObject *") and t.startswith("*"):
                return Expr(f"{x.paren(9)}.({t})", t)  # (PyCodeObject *)o: the object is that Go type
            if x.type in NUMERIC and t in NUMERIC:
                return Expr(f"{t}({x.go})", t)
            cast = f"({norm_ctype(str(e.ctype))})"
            if x.type == self.mapping.types.get("PyObject *") and cast in self.mapping.calls:
                return self.call(self.mapping.calls[cast], [e.operand], line)
            raise NotTranslated(f"a cast from {x.type} to {t}", line)
        if isinstance(e, c.Conditional):
            cond = self.truth(self.expr(e.cond), line)
            a, b = self.expr(e.then), self.expr(e.orelse)
            t = a.type if a.type not in (UNTYPED_INT, "nil") else b.type
            if {a.type, b.type} <= NUMERIC | {"bool"} and a.type != b.type:
                t = common_type(*(x.type if x.type != "bool" else "int" for x in (a, b)))
            if t in (UNTYPED_INT, "nil"):
                raise NotTranslated("a conditional expression of no type", line)
            return Expr(f"func() {t} {{ if {cond.go} {{ return {self.convert(a, t, line)} }}; "
                        f"return {self.convert(b, t, line)} }}()", t)
        if isinstance(e, c.Member):
            table = table_key(e)
            if table in self.mapping.names and isinstance(e.base, c.Index):
                # a field of an entry of a static table: _Py_SpecialMethods[oparg].name, {0} the index
                go, typ = self.mapping.names[table]
                return Expr(go.replace("{0}", self.convert(self.expr(e.base.index), "int", line)), typ)
            macro = macro_key(e.base) if isinstance(e.base, c.Call) else None
            if macro and f"{macro}.{e.name}" in self.mapping.names:  # _Py_SINGLETON(strings).ascii
                go, typ = self.mapping.names[f"{macro}.{e.name}"]
                return Expr(go, typ)
            path = member_path(e)
            root = self.member_root(e)
            if path in self.mapping.names and not (isinstance(root, c.Name) and self.lookup(root.id)):
                go, typ = self.mapping.names[path]
                return Expr(go, typ, 8 if go.startswith("*") else 9)
            key = self.member_key(e)
            if key in self.mapping.names:  # a field of a C struct type: Type.field, {0} the struct
                go, typ = self.mapping.names[key]
                if "{0}" not in go:  # a field of what a call returns, named whole: _PyInterpreterState_GET()...
                    return Expr(go, typ, 8 if go.startswith("*") else 9)
                root = self.expr(self.member_root(e))
                if e.arrow and root.type.startswith("[]") and isinstance(e.base, (c.Name, c.Binary)):
                    root = Expr(f"{root.paren(9)}[0]", root.type[2:])  # ep->me_key: ep points into an array
                return Expr(go.replace("{0}", root.paren(9)), typ, 8 if go.startswith("*") else 9)
            raise NotTranslated(f"struct member '{'->' if e.arrow else '.'}{e.name}'", line)
        if isinstance(e, c.Assign):
            raise NotTranslated("an assignment inside an expression", line)
        if isinstance(e, c.Postfix) and e.op in ("++", "--"):
            # x++ as a value (PyList_GET_ITEM(seq, it->it_index++)): the old value, then the step
            old = self.expr(e.operand)
            if old.type not in NUMERIC:
                raise NotTranslated(f"'{e.op}' on a {old.type}", line)
            step = self.simple(e, line)
            return Expr(f"func() {old.type} {{ was_ := {old.go}; {step}; return was_ }}()", old.type)
        if isinstance(e, c.Postfix):
            raise NotTranslated(f"'{e.op}' inside an expression", line)
        raise NotTranslated(f"{type(e).__name__} expression", line)

    def c_struct(self, e) -> str | None:
        """The C struct type an expression points at, where the source says it (a cast or a declaration)."""
        if isinstance(e, c.Cast):
            return e.ctype.base
        if isinstance(e, c.Name):
            known = self.lookup(e.id)
            return known[2] if known and known[2] else None
        if isinstance(e, c.Call) and isinstance(e.func, c.Name):
            return e.func.id + "()"  # Py_TYPE(o)->tp_name: the field of what that call returns
        if isinstance(e, c.Index):
            return self.c_struct(e.base)  # entries[i].me_value: an item of an array of structs
        return None

    def member_key(self, e: c.Member) -> str | None:
        """`PyLongObject.long_value.ob_digit` for a chain of fields over a struct the source names."""
        fields = []
        while isinstance(e, c.Member):
            fields.insert(0, e.name)
            e = e.base
        struct = self.c_struct(e)
        return f"{struct}.{'.'.join(fields)}" if struct else None

    @staticmethod
    def member_root(e: c.Member):
        """The struct expression under a chain of fields: the {0} of a Type.field mapping."""
        while isinstance(e, c.Member):
            e = e.base
        return e

    def byte_offset(self, e) -> tuple | None:
        """`(char *)o + a + b`: the object and the offsets added to its address, else None."""
        if isinstance(e, c.Cast) and e.ctype.base == "char" and e.ctype.pointers == 1:
            return e.operand, []
        if isinstance(e, c.Binary) and e.op == "+":
            inner = self.byte_offset(e.left)
            if inner is not None:
                return inner[0], inner[1] + [e.right]
        return None

    def binary(self, e: c.Binary) -> Expr:
        line = e.line
        prec = GO_BINARY[e.op]
        offset = self.byte_offset(e) if e.op == "+" and BYTE_OFFSET in self.mapping.calls else None
        if offset is not None:
            # (char *)o + offset: the object cell at that offset, through the runtime's named
            # function (never address arithmetic in Go)
            obj, parts = offset
            total = parts[0]
            for p in parts[1:]:
                total = c.Binary("+", total, p, line=line)
            return self.call(self.mapping.calls[BYTE_OFFSET], [obj, total], line)
        if e.op in ("&&", "||"):
            left = self.truth(self.expr(e.left), line)
            right = self.truth(self.expr(e.right), line)
            return Expr(f"{left.paren(prec)} {e.op} {right.paren(prec + 1)}", "bool", prec)
        left, right = self.expr(e.left), self.expr(e.right)
        if e.op not in ("==", "!=") and "bool" in (left.type, right.type) and {left.type, right.type} <= NUMERIC | {"bool"}:
            # C's truth values are ints in arithmetic: oparg + !PyStackRef_IsNull(self_or_null)
            left, right = (Expr(f"boolToInt({x.go})", "int") if x.type == "bool" else x for x in (left, right))
        if e.op in ("==", "!=") and (left.type == "nil" or right.type == "nil"):
            other = right if left.type == "nil" else left
            if other.type.startswith(("*", "[]", "func(")) or other.type == self.mapping.types.get("PyObject *"):
                return Expr(f"{other.paren(4)} {e.op} nil", "bool", 3)
            raise NotTranslated(f"comparing a {other.type} with NULL", line)
        if e.op in ("==", "!=") and left.type == right.type and left.type not in NUMERIC:
            return Expr(f"{left.paren(prec)} {e.op} {right.paren(prec + 1)}", "bool", prec)
        if e.op == "-" and left.type.startswith("[]") and right.type in NUMERIC:
            # pointer - n: n items back in the same array (shift reaches before the slice)
            return Expr(f"shift({left.go}, -{Expr(self.convert(right, 'int', line), 'int', right.prec).paren(9)})", left.type)
        if e.op == "-" and left.type.startswith("*") and right.type == "[]" + left.type[1:]:
            # cell - array: the cell's index in the array (indexOf, in op_bodies_gen.go)
            return Expr(f"indexOf({left.go}, {right.go})", "int")
        if e.op in ("+", "-") and left.type == self.mapping.types.get("_PyUOpInstruction *") and right.type in NUMERIC:
            # this_instr + 2: the micro-op that many further on in the same trace (at, in the bodies' file)
            n = Expr(self.convert(right, "int", line), "int", right.prec)
            return Expr(f"at({left.go}, {'-' + n.paren(9) if e.op == '-' else n.go})", left.type)
        if e.op == "+" and left.type.startswith("[]") and right.type in NUMERIC:
            # pointer + n: the items from n on (tail, in op_bodies_gen.go, allows C's one-past-the-end)
            return Expr(f"tail({left.go}, {self.convert(right, 'int', line)})", left.type)
        if left.type not in NUMERIC or right.type not in NUMERIC:
            raise NotTranslated(f"'{e.op}' between a {left.type} and a {right.type}", line)
        if e.op in ("<<", ">>"):
            t = left.type
            r = right.go if right.type in INT_TYPES | {UNTYPED_INT} else self.convert(right, "uint", line)
            return Expr(f"{left.paren(prec)} {e.op} {Expr(r, right.type, right.prec).paren(prec + 1)}", t, prec)
        t = common_type(left.type, right.type)
        a = Expr(self.convert(left, t, line), t, left.prec if left.type == t or left.type.startswith("untyped") else 9)
        b = Expr(self.convert(right, t, line), t, right.prec if right.type == t or right.type.startswith("untyped") else 9)
        result = "bool" if prec == 3 else t
        return Expr(f"{a.paren(prec)} {e.op} {b.paren(prec + 1)}", result, prec)

    def call_value(self, known, args: list, line) -> Expr:
        """A call of a local of Go type func(T1, T2) R."""
        go, typ = known[0], known[1]
        inner, _, result = typ[len("func("):].partition(")")
        params = [p.strip() for p in inner.split(",") if p.strip()]
        if len(params) != len(args):
            raise NotTranslated(f"{go}() takes {len(params)} argument(s)", line)
        values = [self.convert(self.expr(a), t, line) for a, t in zip(args, params)]
        return Expr(f"{go}({', '.join(values)})", result.strip() or "void")

    def call(self, cm, args: list, line) -> Expr:
        variadic = bool(cm.args) and cm.args[-1] == "..."
        fixed = cm.args[:-1] if variadic else cm.args
        if len(args) != len(fixed) and not (variadic and len(args) > len(fixed)):
            raise NotTranslated(f"{cm.c_name}() takes {len(fixed)} argument(s) in [calls], not {len(args)}", line)
        exprs = [self.expr(a) for a in args]
        values = [self.convert(x, t, line) for x, t in zip(exprs, fixed)]
        values += [x.go for x in exprs[len(fixed):]]  # C varargs: Go's ...any takes them as they are
        kind = cm.kind
        if kind == "identity":
            return Expr(values[0], cm.result or cm.args[0], exprs[0].prec if values[0] == exprs[0].go else 9)
        if kind == "method":
            recv = exprs[0].paren(9) if values[0] == exprs[0].go else f"({values[0]})"
            go = f"{recv}{cm.target}({', '.join(values[1:])})"
        else:
            go = f"{cm.target}({', '.join(values)})"
        if cm.deref:
            go = "*" + go
        return Expr(go, cm.result or "void", 8 if cm.deref else 9)


def table_key(e) -> str | None:
    """`T[]` for `T[i]`, `T[].f` for `T[i].f`: a function looked up in a table."""
    if isinstance(e, c.Index) and isinstance(e.base, c.Name):
        return e.base.id + "[]"
    if isinstance(e, c.Member) and not e.arrow and isinstance(e.base, c.Index) and isinstance(e.base.base, c.Name):
        return f"{e.base.base.id}[].{e.name}"
    return None


def macro_key(e) -> str | None:
    """`_Py_ID(__build_class__)` for a call whose arguments (if any: `_PyInterpreterState_GET()`) are
    all bare identifiers, else None."""
    if isinstance(e, c.Call) and isinstance(e.func, c.Name) and all(isinstance(a, c.Name) for a in e.args):
        return f"{e.func.id}({', '.join(a.id for a in e.args)})"
    return None


def member_path(e) -> str | None:
    """`this_instr->op.code` for a member chain over a plain name, else None."""
    parts = []
    while isinstance(e, c.Member) or isinstance(e, c.Index) and isinstance(e.index, c.Number):
        if isinstance(e, c.Index):
            parts.append(f"[{e.index.text}]")
        else:
            parts.append(("->" if e.arrow else ".") + e.name)
        e = e.base
    if not isinstance(e, c.Name):
        return None
    return e.id + "".join(reversed(parts))


def common_type(a: str, b: str) -> str:
    """The type C's usual arithmetic conversions give, as far as Go needs it."""
    if a == b:
        return a
    if a.startswith("untyped"):
        return b if not b.startswith("untyped") else (UNTYPED_FLOAT if UNTYPED_FLOAT in (a, b) else UNTYPED_INT)
    if b.startswith("untyped"):
        return a
    if "float64" in (a, b):
        return "float64"
    order = ["int8", "uint8", "byte", "int16", "uint16", "int32", "uint32", "int", "int64", "uint", "uint64", "uintptr"]
    return max(a, b, key=lambda t: order.index(t) if t in order else 0)


def translate(sig: Signature, tokens: list, mapping: Mapping, file: str,
              constants: dict[str, tuple[str, str]] | None = None) -> list[str]:
    """The Go statements of the body function (indented one level), or NotTranslated."""
    try:
        tree = c.parse_body(tokens, mapping.c_type_names)
    except c.Unsupported as e:
        raise NotTranslated(f"C the parser does not read: {e.message}", e.line) from None
    body = Body(sig, mapping, file, constants=constants or {})
    # a typed item's fields, by the struct its C type points at: new_frame->previous
    structs = {mapping.types[t]: t.rstrip(" *") for t in (*TYPED_ITEMS, *TYPED_SYMBOLS) if t in mapping.types}
    params = {p.dsl or p.name: (p.name, p.type, structs.get(p.type, ""))
              for p in (*sig.params, *sig.results) if p.kind != "receiver" and not p.peek}
    params["oparg"] = ("int(oparg)", "int", "")  # C's oparg is an int: -oparg and oparg - 1 must not wrap
    body.scopes.append(params)
    body.block(tree.body)
    if not body.lines or not body.lines[-1].startswith("\treturn "):  # Go refuses code after a return
        body.emit(body.returns("ExitNext"))
    # C declares what only a dropped assert or CLOSE reads; Go refuses a local nothing reads. Such
    # a local whose value is a read is left out (the body stays small enough for Go to inline);
    # another keeps its effect and is marked used.
    for index, name in reversed(body.declared):
        if index in body.unread and not any(re.search(rf"\b{name}\b", line) for i, line in enumerate(body.lines)
                                            if i != index):
            del body.lines[index]
            if body.lines[index - 1].startswith("//line") and (index == len(body.lines) or
                                                              body.lines[index].startswith("//line")):
                del body.lines[index - 1]  # its //line directive, which now points at nothing
            continue
        indent = body.lines[index][:len(body.lines[index]) - len(body.lines[index].lstrip("\t"))]
        body.lines.insert(index + 1, f"{indent}_ = {name}")
    return body.lines
