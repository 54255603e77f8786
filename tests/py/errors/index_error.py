data = [10, 20, 30]
def get(i):
    return data[i]
print(get(2))
get(3)
