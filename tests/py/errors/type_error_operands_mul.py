values = [1, 2]
result = values * 2.5
