café = "unicode identifier"
print(café)
π = 3.14159
print(π * 2)
_ = 1
__private = 2
_x_1 = 3
Name_With_Caps = 4
print(_, __private, _x_1, Name_With_Caps)
match = 5
case = 6
type = 7
print(match + case + type)
del type
print(type(1).__name__)
def λ(x):
    return x + 1
print(λ(1), λ.__name__)
data = {'ünï': 1}
print(data['ünï'])
