# os.scandir / os.DirEntry: names and joined paths (str, bytes, an os.PathLike, a descriptor),
# is_dir/is_file/is_symlink with and without following links, stat caching, inode, fspath,
# the context manager, errors; shutil imports (it reads os.scandir in os.supports_fd).
import os
import shutil
import stat

base = '/tmp/minipy_scandir_%d' % os.getpid()
os.mkdir(base)
os.mkdir(base + '/d')
fd = os.open(base + '/f', os.O_WRONLY | os.O_CREAT, 0o644)
os.write(fd, b'12345')
os.close(fd)
os.symlink('f', base + '/lf')
os.symlink('d', base + '/ld')
os.symlink('missing', base + '/dangling')


def show(entries, dir_fd=None):
    for e in sorted(entries, key=lambda e: e.name):
        path = e.path.replace(base, 'BASE') if isinstance(e.path, str) else e.path.replace(base.encode(), b'BASE')
        st = os.stat(e.path, dir_fd=dir_fd, follow_symlinks=False)
        print(repr(e), e.name, path, e.is_dir(), e.is_file(), e.is_symlink(), e.is_dir(follow_symlinks=False),
              e.is_file(follow_symlinks=False), e.inode() == st.st_ino)


try:
    with os.scandir(base) as it:
        show(list(it))
    show(os.scandir(base.encode()))

    class P:
        def __fspath__(self):
            return base

    show(os.scandir(P()))
    d = os.open(base, os.O_RDONLY)
    try:
        show(os.scandir(d), dir_fd=d)
    finally:
        os.close(d)
    entries = {e.name: e for e in os.scandir(base)}
    print(entries['f'].stat().st_size, entries['lf'].stat().st_size,
          stat.S_ISLNK(entries['lf'].stat(follow_symlinks=False).st_mode))
    print(os.fspath(entries['f']) == base + '/f', entries['f'].stat() is entries['f'].stat())
    try:
        entries['dangling'].stat()
    except FileNotFoundError as e:
        print('FileNotFoundError', e.filename == base + '/dangling')
    it = os.scandir(base)
    next(it)
    it.close()
    print(list(it))
    try:
        os.scandir(base + '/nope')
    except FileNotFoundError as e:
        print('FileNotFoundError', e.errno)
    try:
        os.scandir(1.5)
    except TypeError as e:
        print('TypeError', e)
    print(os.scandir in os.supports_fd, type(entries['f']).__name__, os.DirEntry is type(entries['f']))
    print(shutil.rmtree.avoids_symlink_attacks)
    # shutil.rmtree's descriptor-based walk (scandir(fd), stat/open/unlink/rmdir with dir_fd).
    os.makedirs(base + '/tree/a/b')
    os.close(os.open(base + '/tree/a/b/f', os.O_CREAT | os.O_WRONLY))
    os.symlink(base + '/d', base + '/tree/a/link_to_d')
    shutil.rmtree(base + '/tree')
    print(os.path.exists(base + '/tree'), os.path.isdir(base + '/d'))
finally:
    for n in ('dangling', 'ld', 'lf', 'f'):
        os.unlink(base + '/' + n)
    os.rmdir(base + '/d')
    os.rmdir(base)
