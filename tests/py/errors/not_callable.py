handler = None
print("dispatching")
handler("event")
