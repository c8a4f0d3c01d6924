package vm

import (
	"fmt"
	"runtime"
	"testing"
	"time"
	"weak"

	"gopy.example/gopy/objects"
)

// A program's objects die with it. Once a run is over and nothing refers to its code or its
// globals, the collector frees them, whatever the runtime cached along the way: the objects of
// inline caches and trace operands, the type cache's answers, a base's list of subclasses. (Each
// of these once kept every class a program made, and through its methods' globals everything
// the program reached, to the end of the process: a program run again and again in one process
// kept every run.) Each corpus program runs in tier 1, then with its loops as traces; neither
// run's globals may outlive the runs.
func TestFinishedRunIsFreed(t *testing.T) {
	programs, err := ReadCorpus(corpusPath(t, "CASESGEN_TRACE_CORPUS"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range programs {
		runs := runTwiceAndForget(t, p)
		// a second at most (a loaded machine delays the cleanup goroutine), a few collections
		// when nothing keeps the runs alive
		for i, deadline := 0, time.Now().Add(time.Second); (runs[0].Value() != nil || runs[1].Value() != nil) &&
			time.Now().Before(deadline); i++ {
			runtime.GC()
			time.Sleep(time.Millisecond) // the collection's cleanups run on their own goroutine
			// a miss in the type cache, which empties it after a collection (objects/typeobject.go)
			objects.ObjectType.Lookup(fmt.Sprint("no such name ", i))
		}
		for i, name := range []string{"tier 1", "tier 2"} {
			if runs[i].Value() != nil {
				t.Errorf("%s: the globals of its %s run are alive after the run ended", p.Name, name)
			}
		}
	}
}

// runTwiceAndForget runs p in tier 1, then with every loop that projects as a trace, and keeps
// nothing of either run but weak references to their globals.
func runTwiceAndForget(t *testing.T, p Program) (runs [2]weak.Pointer[objects.Dict]) {
	code, err := LoadCode(p.Code)
	if err != nil {
		t.Fatal(err)
	}
	for i := range runs {
		globals := objects.NewDict()
		_ = globals.Set(objects.NewStr("__name__"), objects.NewStr("__main__"))
		e := NewEval()
		_, _ = e.Run(NewFrame(code, globals, globals))
		runs[i] = weak.Make(globals)
		if i == 0 {
			projectAll(t, e, code)
		}
	}
	return runs
}
