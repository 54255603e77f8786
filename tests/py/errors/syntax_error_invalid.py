print("never")
value = 5
if value = 5:
    print("eq")
