import sys
print("before exit")
try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("no-arg code", e.code)
def cleanup():
    try:
        sys.exit(4)
    finally:
        print("finally runs during exit")
cleanup()
print("never printed")
