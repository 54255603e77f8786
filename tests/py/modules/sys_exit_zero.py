import sys
print("exiting with 0 explicitly")
sys.exit(0)
print("not reached")
