# Helper for type_call_module.py: classes made by type() from this module's code.


def make(name):
    return type(name, (), {})


def make_with(meta, name):
    return meta(name, (), {})
