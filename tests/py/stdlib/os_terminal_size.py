# os.get_terminal_size / os.terminal_size (argparse and unittest size their output with
# shutil.get_terminal_size): not a terminal, a bad descriptor, the struct sequence itself.
import os
import shutil

for fd in (1, 0, 99):
    try:
        os.get_terminal_size(fd)
    except OSError as e:
        print(fd, type(e).__name__, e.errno, e.strerror)
ts = os.terminal_size((100, 30))
print(ts, ts.columns, ts.lines, ts[0], len(ts), isinstance(ts, tuple))
os.environ['COLUMNS'] = '123'
print(shutil.get_terminal_size((80, 20)))
print(os.get_terminal_size.__text_signature__)
try:
    os.terminal_size((1,))
except TypeError as e:
    print('TypeError', e)
