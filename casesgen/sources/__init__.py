"""Where CPython's inputs come from: a CPython checkout or tarball, and Debian sid."""
