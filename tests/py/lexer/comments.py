# A comment on the first line
#!not a shebang here, just a comment
x = 1  # trailing comment
# comment between statements
y = "# not a comment"
z = '''triple
# still string
'''
print(x, y)
print(z, end='')
def f():
    # comment as first line of body
    return 5
    # comment after return
print(f())
if x:
# comment at column zero inside block
    print("block ok")
lst = [1, # one
       2  # two
       ]
print(lst)
print("a" # comment between adjacent strings
      "b")
