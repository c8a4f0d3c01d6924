"""casesgen: CPython 3.14's bytecode DSL -> gopy's Go tree."""
