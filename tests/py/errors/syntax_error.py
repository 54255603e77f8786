print("this never runs")
x = (1 +
def broken
