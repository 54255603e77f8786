# posix functions relative to a directory descriptor (dir_fd), follow_symlinks, effective_ids,
# descriptors as paths, os.supports_* (derived from posix._have_functions), the argument errors
# of the declared signatures, and the sys attributes gettext/argparse read.
import os
import stat
import sys

print(sys.prefix == sys.base_prefix == sys.exec_prefix == sys.base_exec_prefix, sys.platlibdir,
      sys.float_repr_style, sys.maxunicode, sys.getdefaultencoding(), sys.getfilesystemencoding(),
      sys.getfilesystemencodeerrors(), sys.float_info.mant_dig, sys.float_info.epsilon)

for name in ('access', 'chmod', 'stat', 'mkdir', 'open', 'readlink', 'rename', 'symlink', 'unlink',
             'rmdir', 'chdir', 'listdir', 'truncate', 'lstat'):
    f = getattr(os, name)
    print(name, f in os.supports_dir_fd, f in os.supports_fd, f in os.supports_follow_symlinks,
          f in os.supports_effective_ids)



def t(f):
    try:
        r = f()
        print(repr(r) if not isinstance(r, os.stat_result) else stat.filemode(r.st_mode)[0])
    except Exception as e:
        print(type(e).__name__, e)


base = '/tmp/minipy_dir_fd_%d' % os.getpid()
os.mkdir(base)
d = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
try:
    os.mkdir('sub', dir_fd=d)
    fd = os.open('sub/f.txt', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=d)
    os.write(fd, b'hello')
    os.close(fd)
    print(sorted(os.listdir(base)), sorted(os.listdir(base + '/sub')), sorted(os.listdir(d)))
    t(lambda: os.stat('sub/f.txt', dir_fd=d).st_size)
    os.symlink('sub/f.txt', 'link', dir_fd=d)
    t(lambda: os.readlink('link', dir_fd=d))
    t(lambda: os.stat('link', dir_fd=d, follow_symlinks=False))
    t(lambda: os.stat('link', dir_fd=d))
    t(lambda: os.lstat('link', dir_fd=d))
    t(lambda: os.access('link', os.R_OK, dir_fd=d))
    t(lambda: os.access('nope', os.R_OK, dir_fd=d))
    t(lambda: os.access('sub/f.txt', os.W_OK, dir_fd=d, effective_ids=True))
    t(lambda: os.chmod('sub/f.txt', 0o600, dir_fd=d))
    t(lambda: oct(os.stat('sub/f.txt', dir_fd=d).st_mode & 0o777))
    t(lambda: os.chmod('link', 0o600, dir_fd=d, follow_symlinks=False))
    t(lambda: os.rename('sub/f.txt', 'g.txt', src_dir_fd=d, dst_dir_fd=d))
    print(sorted(os.listdir(base)))
    t(lambda: os.stat(d).st_mode & 0o170000 == stat.S_IFDIR)
    t(lambda: os.stat(d, dir_fd=d))
    t(lambda: os.stat(d, follow_symlinks=False))
    t(lambda: os.stat(1.5))
    t(lambda: os.listdir(1.5))
    t(lambda: os.mkdir(3))
    t(lambda: os.mkdir('x\0y'))
    t(lambda: os.open('x'))
    t(lambda: os.rename('a'))
    t(lambda: os.unlink('nope', dir_fd=d))
    t(lambda: os.unlink('link', dir_fd=d))
    t(lambda: os.unlink('g.txt', dir_fd=d))
    t(lambda: os.rmdir('sub', dir_fd=d))
    print(os.listdir(base))
    print(os.stat.__text_signature__)
    print(os.mkdir.__text_signature__)
    print(os.umask.__text_signature__)
finally:
    os.close(d)
    os.rmdir(base)
