# -X dev / PYTHONDEVMODE, -W and PYTHONWARNINGS as python3 sets them: sys.flags.dev_mode,
# sys.warnoptions (lowest precedence first, duplicates dropped) and their effect through
# warnings.py; -E ignores the variables. asyncio's debug mode follows dev mode.
import os
import subprocess
import sys

CODE = ("import sys, warnings, asyncio.coroutines as c; "
        "print(sys.flags.dev_mode, sys.warnoptions, c._is_debug_mode()); "
        "print([f[0] + ':' + f[2].__name__ for f in warnings.filters[:2]])")


def run(args, **env):
    e = {k: v for k, v in os.environ.items()
         if k not in ("PYTHONDEVMODE", "PYTHONWARNINGS", "PYTHONASYNCIODEBUG")}
    e.update(env)
    p = subprocess.run([sys.executable] + args + ["-c", CODE], env=e, capture_output=True, text=True)
    print(" ".join(args) or "(none)", sorted(env.items()), "->", p.returncode)
    print("   ", p.stdout.strip().replace("\n", "\n    "))
    if p.stderr:
        print("    stderr:", p.stderr.strip().splitlines()[-1])


run([])
run(["-X", "dev"])
run(["-E", "-X", "dev"])
run([], PYTHONDEVMODE="1")
run(["-E"], PYTHONDEVMODE="1")
run([], PYTHONDEVMODE="")
run(["-W", "error::DeprecationWarning", "-Wignore"])
run(["-W", "default", "-W", "default"])
run([], PYTHONWARNINGS="error::UserWarning,,ignore::ResourceWarning")
run(["-W", "always", "-X", "dev", "-b"], PYTHONWARNINGS="once")
run(["-E"], PYTHONWARNINGS="error")
run([], PYTHONASYNCIODEBUG="1")
run(["-E"], PYTHONASYNCIODEBUG="1")

# A -W filter takes effect: the warning becomes an error.
p = subprocess.run([sys.executable, "-W", "error::UserWarning", "-c",
                    "import warnings\ntry:\n    warnings.warn('boom')\nexcept UserWarning as e:\n"
                    "    print('raised', e)"], capture_output=True, text=True)
print(p.stdout.strip(), p.returncode)
