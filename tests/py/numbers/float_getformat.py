# float.__getformat__: the layout of C double/float (test.support reads it at import).
print(float.__getformat__('double'), float.__getformat__('float'))
print(float.__getformat__.__text_signature__)
for arg in ['x', 1]:
    try:
        float.__getformat__(arg)
    except Exception as e:
        print(type(e).__name__, e)
