print("a" < "b", "a" < "B", "abc" < "abd", "ab" < "abc", "" < "a", "Z" < "a", "a" == "a", "a" != "A")
print("apple" > "Apple", "10" < "9", "a" * 3 == "aaa", "abc" >= "abc", "x" <= "w")
print(max("apple", "banana", "cherry"), min(["b", "a", "C"]), sorted(["b", "a", "C", "_", "1"]))
print("abc" in "xabcx", "" in "", "ab" not in "ba", "a" in ["a", "b"])
print("ab" + "cd", "ab" * 2, 2 * "ab", "x" * 0, "x" * -1, ("a" "b") * 2)
s = "immutable"
try:
    s[0] = "I"
except TypeError as e:
    print("TypeError:", e)
print(s is s, s == "immut" + "able", hash(s) == hash("immut" + "able"))
