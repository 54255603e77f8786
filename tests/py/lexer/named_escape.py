# \N{...} escapes need the Unicode name database.
print("\N{LATIN SMALL LETTER E WITH ACUTE}")
print("\N{GREEK SMALL LETTER ALPHA}\N{GREEK SMALL LETTER BETA}")
print(len("\N{EM DASH}"), ord("\N{EM DASH}"))
print("\N{DIGIT ONE}" == "1")
