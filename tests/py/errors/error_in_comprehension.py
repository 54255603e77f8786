values = [4, 2, 0, 1]
print([100 // v for v in values])
