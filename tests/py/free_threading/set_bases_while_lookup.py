# One thread keeps assigning C.__bases__ while others call methods and read class attributes
# through C's MRO (issue 10). Without a GIL the assignment replaced the MRO vectors that other
# threads were walking; the free-threaded build now swaps them with the world stopped. Nothing
# crashes and every lookup finds one of the two bases' answers.
import threading

THREADS = 4
ROUNDS = 3000
start = threading.Barrier(THREADS)
errors = []


class A:
    tag = "A"

    def who(self):
        return "A"


class B:
    tag = "B"

    def who(self):
        return "B"


class C(A):
    pass


class D(C):  # a subclass: its MRO is recomputed too
    pass


def swapper():
    start.wait()
    try:
        for i in range(ROUNDS // 10):
            C.__bases__ = (B,) if i % 2 == 0 else (A,)
    except Exception as e:
        errors.append(repr(e))


def reader():
    start.wait()
    d = D()
    try:
        for _ in range(ROUNDS):
            if d.who() not in ("A", "B") or D.tag not in ("A", "B"):
                errors.append("bad lookup")
            if not isinstance(d, C):
                errors.append("bad isinstance")
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=swapper)] + [threading.Thread(target=reader)
                                                for _ in range(THREADS - 1)]
for th in threads:
    th.start()
for th in threads:
    th.join()
C.__bases__ = (A,)
print("errors:", errors)
print("after:", D().who(), D.tag, [k.__name__ for k in D.__mro__])
