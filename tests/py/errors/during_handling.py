def cleanup():
    raise RuntimeError("cleanup failed")
try:
    {}["missing"]
except KeyError:
    cleanup()
