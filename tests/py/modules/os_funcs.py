import os
print(os.getpid() > 0, isinstance(os.getpid(), int))
cwd = os.getcwd()
print(isinstance(cwd, str), os.path.isabs(cwd), cwd.endswith("modules"))
print(os.sep, os.linesep == "\n", os.name)
print(os.path.exists("os_funcs.py"), os.path.exists("no_such_file.xyz"), os.path.isfile("os_funcs.py"), os.path.isdir("pkg_helper"))
print(sorted(n for n in os.listdir("pkg_helper") if n.endswith(".py")))
print(isinstance(os.environ, object), "PATH" in os.environ or True, os.environ.get("MINIPY_SURELY_UNSET_VAR", "unset"))
