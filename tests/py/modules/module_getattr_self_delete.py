# A module __getattr__ (PEP 562) or __dir__ that deletes itself while it runs must not be freed
# under the call (minipy crashed on CPython's test_module.test_module_getattr_tricky).
import types

m = types.ModuleType("m")
exec(
    "def __getattr__(name):\n"
    "    del globals()['__getattr__']\n"
    "    globals()['__getattr__'] = None\n"
    "    del globals()['__getattr__']\n"
    "    raise AttributeError(f'no {name}')\n"
    "def __dir__():\n"
    "    del globals()['__dir__']\n"
    "    return ['b', 'a']\n",
    m.__dict__,
)
for name in ("one", "two"):
    try:
        getattr(m, name)
    except AttributeError as e:
        print("AttributeError:", e)
print(dir(m), "__dir__" in m.__dict__)
