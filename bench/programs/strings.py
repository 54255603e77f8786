# String work: concatenation, split/join, %-formatting, str.format, f-strings, methods.


def main():
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    total = 0
    for rnd in range(150000):
        s = ""
        for w in words:
            s += w + ","
        parts = s.split(",")
        joined = "-".join(parts)
        up = joined.upper()
        total += len(up) + up.count("A") + up.find("ZETA")
        line = "%s:%d:%.2f" % (words[rnd % 8], rnd, rnd / 7.0)
        line2 = "{0}|{1:>6}|{2:x}".format(words[(rnd + 3) % 8], rnd, rnd)
        line3 = f"{rnd:05d}/{words[rnd % 5]}/{rnd * 3}"
        total += len(line) + len(line2) + len(line3)
        t = line2.replace("|", "  ").strip().lower()
        if t.startswith("delta") or t.endswith("0"):
            total += 1
        total += sum(1 for ch in line3 if ch.isdigit())
    print("strings", total)


main()
