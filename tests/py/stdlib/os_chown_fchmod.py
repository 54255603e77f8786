# os.chown / lchown / fchown and os.fchmod (test.support.os_helper.can_chmod() needs os.chown to
# exist): -1 leaves an id unchanged, ids are checked as CPython's _Py_Uid_Converter, fds and
# dir_fd work, and the supports_* sets name them.
import os
import stat
import tempfile

d = tempfile.mkdtemp()
path = os.path.join(d, "f")
with open(path, "w") as f:
    f.write("x")
st = os.stat(path)
os.chown(path, -1, -1)
os.chown(path, st.st_uid, st.st_gid)
os.lchown(path, -1, st.st_gid)
fd = os.open(path, os.O_RDONLY)
os.fchown(fd, -1, -1)
os.chown(fd, st.st_uid, -1)
os.fchmod(fd, 0o600)
print(oct(stat.S_IMODE(os.stat(path).st_mode)))
os.chmod(path, 0o644)
print(oct(stat.S_IMODE(os.fstat(fd).st_mode)))
dfd = os.open(d, os.O_RDONLY)
os.chown("f", -1, -1, dir_fd=dfd)
os.chown("f", -1, -1, dir_fd=dfd, follow_symlinks=False)
os.close(dfd)
after = os.stat(path)
print(after.st_uid == st.st_uid, after.st_gid == st.st_gid)

for args in [(path, "0", 0), (path, 0, 1.5), (path, -2, 0), (path, 0, -2), (path, 2**32, 0),
             (path, 0, 2**32 - 1), (path, 2**70, 0), (path, -2**70, 0), (path, 2**64 - 1, 0),
             (path, 2**64 - 2, 0), (path, 2**33 - 1, 0), (path, 2**63, 0), (path, True, -1)]:
    try:
        os.chown(*args)
        print("ok")
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    os.chown(fd, -1, -1, follow_symlinks=False)
except ValueError as e:
    print("ValueError", e)
try:
    os.fchown(-1, 0, 0)
except OSError as e:
    print("OSError", e.errno)
try:
    os.chown(os.path.join(d, "missing"), -1, -1)
except FileNotFoundError as e:
    print("FileNotFoundError", e.filename == os.path.join(d, "missing"))
os.close(fd)
print(os.chown in os.supports_dir_fd, os.chown in os.supports_fd,
      os.chown in os.supports_follow_symlinks, os.fchmod in os.supports_fd)
os.unlink(path)
os.rmdir(d)
