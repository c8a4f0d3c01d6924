package vm

import (
	"strings"

	"gopy.example/gopy/objects"
)

// cpythonBuiltins are the names CPython 3.14's builtins module has (dir(builtins) of the real
// 3.14.10). A name among them that the runtime's builtins lack is a feature it does not have, so
// looking it up is `unsupported`, never the NameError CPython would not raise.
var cpythonBuiltins = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`
ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning
EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError
FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError
IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError
OverflowError PendingDeprecationWarning PermissionError ProcessLookupError PythonFinalizationError
RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration
StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError
UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError
UnicodeWarning UserWarning ValueError Warning ZeroDivisionError _IncompleteInputError
__build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__ abs aiter all
anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex
copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset
getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list
locals map max memoryview min next object oct open ord pow print property quit range repr reversed
round set setattr slice sorted staticmethod str sum super tuple type vars zip`) {
		cpythonBuiltins[n] = true
	}
}

// missingBuiltin ends the program when name is a CPython builtin this runtime lacks.
func missingBuiltin(name objects.Object) {
	if s, ok := name.(*objects.Str); ok && cpythonBuiltins[s.S] {
		what := "builtin " + s.S
		if s.S == "__build_class__" {
			what = "classes (__build_class__)"
		}
		unsupported(what)
	}
}
