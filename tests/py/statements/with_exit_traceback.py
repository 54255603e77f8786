# A context manager's __exit__ gets (type, value, traceback) with the exception's own traceback,
# so traceback.clear_frames(tb) in __exit__ (unittest's assertRaises does it) frees the frames'
# locals at once.
import traceback


class Dies:
    def __del__(self):
        print("freed")


class CM:
    def __enter__(self):
        return self

    def __exit__(self, et, e, tb):
        print(et.__name__, e, tb is e.__traceback__, tb.tb_next.tb_frame.f_code.co_name)
        traceback.clear_frames(tb)
        print("cleared")
        return True


def fails(obj):
    raise ValueError("boom")


with CM():
    fails(Dies())
print("after")
