def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in (-5, 0, 3, 42, 1000):
    print(n, classify(n))
if []:
    print("empty list true?")
elif {}:
    print("empty dict true?")
else:
    print("all empty are false")
if 0: pass
else: print("else on one line")
x = 7
if x > 5:
    if x > 6:
        print("nested both")
    else:
        print("nested outer")
