# The uncaught AttributeError() raised bare by a __getattr__ still gets its "Did you mean"
# suggestion (the lookup gives it name and obj), with no colon after the empty message.
class A:
    blech = 1

    def __getattr__(self, name):
        raise AttributeError()


print("before")
A().bluch
