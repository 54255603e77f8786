try:
    [].pop()
except IndexError:
    raise ValueError("nothing to pop") from None
