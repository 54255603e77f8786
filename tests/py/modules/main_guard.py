import helper_util
print("main module __name__:", __name__)
print("helper __name__:", helper_util.__name__)
def main():
    print("main() called")
    return 0
if __name__ == "__main__":
    main()
else:
    print("imported, not run")
