/* Oracle 1: dumps the tables of CPython's shipped headers as JSON.
 *
 * Compiled by tests/test_oracle_headers.py with gcc against the vendored
 * Debian 3.14 headers; tests/go/cmd/dumptables prints the same JSON from the
 * generated Go. UOP_ID_LIST (a file the test writes from pycore_uop_ids.h's
 * #define names) lists every uop id name.
 */
#define Py_BUILD_CORE 1
#define NEED_OPCODE_METADATA 1
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "opcode_ids.h"
#include "pycore_opcode_metadata.h"
#include "pycore_uop_metadata.h"

#define TABLE_SIZE ((int)(sizeof(_PyOpcode_opcode_metadata) / sizeof(_PyOpcode_opcode_metadata[0])))

static void sep(int *first) { if (!*first) printf(","); *first = 0; }

static void int_row(const char *key, int n, int (*get)(int)) {
    printf("\"%s\":[", key);
    for (int i = 0; i < n; i++) printf(i ? ",%d" : "%d", get(i));
    printf("]");
}

/* "key":{"<op>":[f(op, 0), ..., f(op, 255)], ...} over every valid opcode. */
static void oparg_table(const char *key, int (*f)(int, int)) {
    int first = 1;
    printf("\"%s\":{", key);
    for (int op = 0; op < TABLE_SIZE; op++) {
        if (!IS_VALID_OPCODE(op)) continue;
        sep(&first);
        printf("\"%d\":[", op);
        for (int oparg = 0; oparg < 256; oparg++) printf(oparg ? ",%d" : "%d", f(op, oparg));
        printf("]");
    }
    printf("}");
}

static int caches(int i) { return _PyOpcode_Caches[i]; }
static int deopt(int i) { return _PyOpcode_Deopt[i]; }
static int uop_flags(int i) { return _PyUop_Flags[i]; }
static int uop_replication(int i) { return _PyUop_Replication[i]; }

int main(void) {
    int first;
    printf("{\"have_argument\":%d,\"min_specialized\":%d,\"min_instrumented\":%d,\"max_uop_id\":%d,",
           HAVE_ARGUMENT, MIN_SPECIALIZED_OPCODE, MIN_INSTRUMENTED_OPCODE, MAX_UOP_ID);
    printf("\"names\":{");
    first = 1;
    for (int op = 0; op < TABLE_SIZE; op++) {
        if (_PyOpcode_OpName[op]) { sep(&first); printf("\"%d\":\"%s\"", op, _PyOpcode_OpName[op]); }
    }
    printf("},\"metadata\":{");
    first = 1;
    for (int op = 0; op < TABLE_SIZE; op++) {
        if (!IS_VALID_OPCODE(op)) continue;
        sep(&first);
        printf("\"%d\":[%d,%d,%d]", op, _PyOpcode_opcode_metadata[op].valid_entry,
               _PyOpcode_opcode_metadata[op].instr_format, _PyOpcode_opcode_metadata[op].flags);
    }
    printf("},");
    int_row("caches", 256, caches);
    printf(",");
    int_row("deopt", 256, deopt);
    printf(",");
    oparg_table("popped", _PyOpcode_num_popped);
    printf(",");
    oparg_table("pushed", _PyOpcode_num_pushed);
    printf(",\"expansions\":{");
    first = 1;
    for (int op = 0; op < 256; op++) {
        const struct opcode_macro_expansion *e = &_PyOpcode_macro_expansion[op];
        if (e->nuops == 0) continue;
        sep(&first);
        printf("\"%d\":[", op);
        for (int i = 0; i < e->nuops; i++)
            printf(i ? ",[%d,%d,%d]" : "[%d,%d,%d]", e->uops[i].uop, e->uops[i].size, e->uops[i].offset);
        printf("]");
    }
    printf("},\"pseudo_targets\":{");
    first = 1;
    for (int op = 256; op < TABLE_SIZE; op++) {
        const struct pseudo_targets *t = &_PyOpcode_PseudoTargets[op - 256];
        sep(&first);
        printf("\"%d\":[%d,[", op, t->as_sequence);
        for (int i = 0; t->targets[i]; i++) printf(i ? ",%d" : "%d", t->targets[i]);
        printf("]]");
    }
    printf("},\"is_pseudo\":[");
    for (int op = 0; op < TABLE_SIZE + 2; op++) printf(op ? ",%d" : "%d", IS_PSEUDO_INSTR(op) ? 1 : 0);
    printf("],");
    int_row("uop_flags", MAX_UOP_ID + 1, uop_flags);
    printf(",");
    int_row("uop_replication", MAX_UOP_ID + 1, uop_replication);
    printf(",\"uop_names\":{");
    first = 1;
    for (int u = 0; u <= MAX_UOP_ID; u++) {
        if (_PyOpcode_uop_name[u]) { sep(&first); printf("\"%d\":\"%s\"", u, _PyOpcode_uop_name[u]); }
    }
    printf("},\"uop_popped\":{");
    first = 1;
    for (int u = 0; u <= MAX_UOP_ID; u++) {
        if (!_PyOpcode_uop_name[u]) continue;
        sep(&first);
        printf("\"%d\":[", u);
        for (int oparg = 0; oparg < 256; oparg++) printf(oparg ? ",%d" : "%d", _PyUop_num_popped(u, oparg));
        printf("]");
    }
    printf("},\"uop_ids\":{");
    first = 1;
#define UOP(NAME) sep(&first); printf("\"%s\":%d", #NAME, (int)(NAME));
#include UOP_ID_LIST
#undef UOP
    printf("}}\n");
    return 0;
}
