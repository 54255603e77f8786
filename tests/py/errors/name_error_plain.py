def compute():
    return undefined_thing_xyz
print("before")
compute()
