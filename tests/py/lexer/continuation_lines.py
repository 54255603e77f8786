# Backslash continuation and implicit joining inside brackets.
total = 1 + \
    2 + \
        3
print(total)
if total > 5 and \
   total < 10:
    print("in range")
values = [
    1,
    2,   # comment inside brackets
        3,
]
print(values)
d = {
    'a': 1,
    'b': (2,
          3),
}
print(d['a'], d['b'])
def f(a,
      b,
      c=3):
    return (a
            + b
            * c)
print(f(1,
        2))
s = ("abc"
     "def")
print(s)
t = 'line one \
continues'
print(t)
x = [i for i in range(10)
     if i % 3 == 0]
print(x)
y = (
)
print(y)
print(len(values), \
      len(d))
