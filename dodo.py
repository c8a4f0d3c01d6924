"""casesgen's task graph: `doit` regenerates, `doit check` gates, `doit list --status` reports."""
from casesgen.tasks import *  # noqa: F401,F403  (doit collects the task_* functions)
from casesgen.tasks import DEFAULT_TASKS, FileChecker, Reporter

DOIT_CONFIG = {"verbosity": 2, "default_tasks": DEFAULT_TASKS, "dep_file": "cache/doit.db", "backend": "sqlite3",
               "reporter": Reporter, "check_file_uptodate": FileChecker}
