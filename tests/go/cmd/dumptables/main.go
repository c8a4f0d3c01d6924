// Command dumptables prints the generated opcode tables as JSON, in the shape
// tests/oracle/dump_tables.c prints CPython's shipped headers, so the two can
// be compared table by table (tests/test_oracle_headers.py).
package main

import (
	"encoding/json"
	"os"
	"strconv"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/specialize"
)

// uopIDs maps uop names to ids; the oracle test adds a file that fills it
// from the names pycore_uop_ids.h defines.
var uopIDs = map[string]int{}

func main() {
	out := map[string]any{
		"have_argument":    int(compile.HAVE_ARGUMENT),
		"min_specialized":  int(compile.MIN_SPECIALIZED_OPCODE),
		"min_instrumented": int(compile.MIN_INSTRUMENTED_OPCODE),
		"max_uop_id":       int(compile.MAX_UOP_ID),
		"uop_ids":          uopIDs,
	}
	tableSize := len(compile.OpcodeMetadataTable)
	names := map[string]string{}
	metadata := map[string][]int{}
	popped := map[string][]int{}
	pushed := map[string][]int{}
	for op := 0; op < tableSize; op++ {
		o := compile.Opcode(op)
		if o.IsDefined() {
			names[strconv.Itoa(op)] = o.String()
		}
		if !compile.IsValidOpcode(op) {
			continue
		}
		m := compile.OpcodeMetadataTable[op]
		metadata[strconv.Itoa(op)] = []int{b2i(m.ValidEntry), int(m.InstrFormat), int(m.Flags)}
		var pop, push []int
		for oparg := 0; oparg < 256; oparg++ {
			pop = append(pop, compile.NumPopped(o, oparg))
			push = append(push, compile.NumPushed(o, oparg))
		}
		popped[strconv.Itoa(op)] = pop
		pushed[strconv.Itoa(op)] = push
	}
	out["names"], out["metadata"], out["popped"], out["pushed"] = names, metadata, popped, pushed

	caches, deopt := make([]int, 256), make([]int, 256)
	expansions := map[string][][3]int{}
	for op := 0; op < 256; op++ {
		caches[op] = int(compile.Caches[op])
		deopt[op] = int(compile.Deopt[op])
		e := compile.MacroExpansionTable[op]
		for i := 0; i < e.NUops; i++ {
			u := e.Uops[i]
			expansions[strconv.Itoa(op)] = append(expansions[strconv.Itoa(op)], [3]int{int(u.Uop), int(u.Size), int(u.Offset)})
		}
	}
	out["caches"], out["deopt"], out["expansions"] = caches, deopt, expansions

	pseudo := map[string][]any{}
	for op := int(compile.MIN_PSEUDO_OPCODE); op <= int(compile.MAX_PSEUDO_OPCODE); op++ {
		t := compile.PseudoTargetsTable[op-int(compile.MIN_PSEUDO_OPCODE)]
		targets := []int{}
		for _, target := range t.Targets {
			if target == 0 {
				break
			}
			targets = append(targets, int(target))
		}
		pseudo[strconv.Itoa(op)] = []any{b2i(t.AsSequence), targets}
	}
	out["pseudo_targets"] = pseudo
	isPseudo := []int{}
	for op := 0; op < tableSize+2; op++ {
		isPseudo = append(isPseudo, b2i(compile.IsPseudo(compile.Opcode(op))))
	}
	out["is_pseudo"] = isPseudo

	flags, replication := []int{}, []int{}
	uopNames := map[string]string{}
	uopPopped := map[string][]int{}
	for u := 0; u <= int(compile.MAX_UOP_ID); u++ {
		flags = append(flags, int(compile.UopFlags[u]))
		replication = append(replication, int(compile.UopReplication[u]))
		if name := compile.UopName[u]; name != "" {
			uopNames[strconv.Itoa(u)] = name
			var pop []int
			for oparg := 0; oparg < 256; oparg++ {
				pop = append(pop, compile.UopNumPopped(compile.Uop(u), oparg))
			}
			uopPopped[strconv.Itoa(u)] = pop
		}
	}
	out["uop_flags"], out["uop_replication"], out["uop_names"], out["uop_popped"] = flags, replication, uopNames, uopPopped

	// Families and caches, for the interpreter oracle (opcode, dis).
	families := map[string][]string{}
	for _, f := range specialize.Families {
		members := []string{}
		for _, m := range f.Members {
			members = append(members, m.String())
		}
		families[f.Head.String()] = members
	}
	out["families"] = families
	layouts := map[string]map[string]int{}
	for head, structName := range specialize.FamilyCacheStruct {
		fields := map[string]int{}
		for _, l := range specialize.CacheLayouts {
			if l.Struct == structName {
				for _, f := range l.Fields {
					fields[f.Name] = f.Size
				}
			}
		}
		layouts[head.String()] = fields
	}
	out["family_cache_fields"] = layouts

	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		os.Exit(1)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
