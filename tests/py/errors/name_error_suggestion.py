counter_value = 10
print("start")
print(counter_valeu)
