name = "report_2023.csv"
print(name.startswith("report"), name.startswith("Report"), name.endswith(".csv"), name.endswith((".txt", ".csv")))
print(name.startswith(("a", "b", "r")), name.endswith(()), name.startswith("2023", 7), name.startswith("rep", 0, 2))
print(name.endswith("2023", 0, 11), "".startswith(""), "abc".endswith(""))
try:
    name.startswith(["r"])
except TypeError as e:
    print("TypeError:", e)
