# Blocks indented with tabs, with spaces, and nested mixtures (each block consistent).
def tabs(n):
	if n > 0:
		return "pos"
	else:
		return "nonpos"

def spaces(n):
    if n > 0:
        return "pos"
    return "nonpos"

def two_space(n):
  total = 0
  for i in range(n):
    if i % 2:
      total += i
    else:
        total -= 1
  return total

class K:
	def m(self):
		x = 0
		for i in range(3):
			x += i
		return x

print(tabs(1), tabs(0))
print(spaces(2), spaces(-2))
print(two_space(5))
print(K().m())
if True:
        deep = 8
        if deep:
                     deeper = 21
print(deep, deeper)
for i in range(2):
    pass

    
	
    print("blank lines with whitespace inside a block", i)
print("done")
