assert True
assert 1 == 1, "not shown"
try:
    assert 1 == 2
except AssertionError as e:
    print("caught", repr(e), e.args)
try:
    assert [], "list was empty"
except AssertionError as e:
    print("caught", e)
try:
    x = 5
    assert x < 0, f"x={x} should be negative"
except AssertionError as e:
    print("caught", e)
try:
    assert False, ("tuple", 1)
except AssertionError as e:
    print(e.args)
print("after asserts")
