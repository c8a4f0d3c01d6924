package vm

import "gopy.example/gopy/stackref"

// The ops mapping.toml lists under [bodies] handwritten: this runtime runs each call in a Go
// call of its own frame loop, so returning is a Go return.

// op_RETURN_VALUE ends the frame with retval (bytecodes.c's _RETURN_VALUE pops the frame and
// pushes retval onto the caller's stack; here the caller's Go call receives it).
func op_RETURN_VALUE(e *Eval, oparg uint32, retval stackref.Ref) (res stackref.Ref, exit Exit) {
	e.Frame.Result = retval
	return stackref.Null, ExitReturn
}

// op_MAYBE_INSTRUMENT re-instruments the code when sys.monitoring changed; this runtime has
// no monitoring, so there is never anything to do.
func op_MAYBE_INSTRUMENT(e *Eval, oparg uint32) (exit Exit) { return ExitNext }
