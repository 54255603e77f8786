# Imported by concurrent_import.py from eight threads at once: its body must run exactly once
# and every importer must get the finished module.
import sys
import time

sys.ft_import_runs = getattr(sys, "ft_import_runs", 0) + 1
time.sleep(0.05)  # a slow body: the other importers arrive while it runs
DONE = True
