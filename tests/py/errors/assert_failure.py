def check(n):
    assert n > 0, f"expected positive, got {n}"
    return n
check(1)
print("first check ok")
check(-4)
