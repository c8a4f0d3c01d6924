"""casesgen's task graph: `doit` regenerates, `doit check` gates, `doit list --status` reports."""
DOIT_CONFIG = {"default_tasks": ["sync"], "verbosity": 2, "dep_file": "cache/.doit.db"}

from casesgen.tasks import *  # noqa: E402,F401,F403  (doit collects task_* names)
