stack = []
for i in range(4):
    stack.append(i)
print(stack.pop(), stack.pop(), stack)
queue = []
for i in "abcd":
    queue.append(i)
print(queue.pop(0), queue.pop(0), queue)
def balanced(s):
    pairs = {')': '(', ']': '[', '}': '{'}
    st = []
    for ch in s:
        if ch in '([{':
            st.append(ch)
        elif ch in pairs:
            if not st or st.pop() != pairs[ch]:
                return False
    return not st
for s in ("([]{})", "([)]", "((", "", "{[()()]}"):
    print(repr(s), balanced(s))
graph = {1: [2, 3], 2: [4], 3: [4], 4: [5], 5: []}
order, seen, q = [], {1}, [1]
while q:
    n = q.pop(0)
    order.append(n)
    for m in graph[n]:
        if m not in seen:
            seen.add(m)
            q.append(m)
print(order)
