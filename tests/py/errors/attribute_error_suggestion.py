items = []
items.append(1)
items.apend(2)
