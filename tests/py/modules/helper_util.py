# Plain helper module for the modules/ tests (not a test: its name starts with helper_).
print("helper_util executing, __name__ =", __name__)
counter = 0
def bump():
    global counter
    counter += 1
    return counter
def greet(name="world"):
    return f"hello {name}"
if __name__ == "__main__":
    print("helper_util run as a script")
