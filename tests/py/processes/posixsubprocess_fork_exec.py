# _posixsubprocess.fork_exec, driven the way CPython's subprocess.Popen drives it: pipes wired
# to the child's 0/1/2, cwd, env, pass_fds, restore_signals, the exit status, and exec/chdir/
# preexec_fn failures reported over the error pipe ("OSError:<hex errno>:[noexec]").
import os
import _posixsubprocess

def run(argv, executables=None, cwd=None, env=None, stdin_data=None, pass_fds=(), preexec_fn=None,
        close_fds=True):
    if executables is None:
        executables = [os.fsencode(argv[0])]
    c2pread, c2pwrite = os.pipe()
    p2cread, p2cwrite = (-1, -1)
    if stdin_data is not None:
        p2cread, p2cwrite = os.pipe()
    errpipe_read, errpipe_write = os.pipe()
    keep = tuple(sorted(set(pass_fds) | {errpipe_write}))
    pid = _posixsubprocess.fork_exec(
        argv, executables, close_fds, keep, cwd, env,
        p2cread, p2cwrite, c2pread, c2pwrite, -1, -1,
        errpipe_read, errpipe_write, True, False, -1, None, None, None, -1, preexec_fn, True)
    os.close(errpipe_write)
    os.close(c2pwrite)
    if p2cread != -1:
        os.close(p2cread)
        os.write(p2cwrite, stdin_data)
        os.close(p2cwrite)
    err = b""
    while True:
        part = os.read(errpipe_read, 1000)
        if not part:
            break
        err += part
    os.close(errpipe_read)
    out = b""
    while True:
        part = os.read(c2pread, 1000)
        if not part:
            break
        out += part
    os.close(c2pread)
    _, status = os.waitpid(pid, 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
    return out, code, err

print(run(["/bin/echo", "hello", "world"]))
print(run(["echo", "from", "path"], executables=[b"/nonexistent/echo", b"/bin/echo"]))
print(run(["/bin/sh", "-c", "exit 3"]))
print(run(["/bin/pwd"], cwd="/"))
print(run(["/usr/bin/env"], env=[b"ONLY=1", b"TWO=2"]))
print(run(["/bin/cat"], stdin_data=b"through stdin\n"))
r, w = os.pipe()
print(run(["/bin/sh", "-c", "echo passed >&%d" % w], pass_fds=(w,))[1:])
os.close(w)
print(os.read(r, 100))
os.close(r)
print(run(["/bin/sh", "-c", "kill -TERM $$"])[1])

out, code, err = run(["/nonexistent/program"])
print(out, code, err.split(b":")[0], int(err.split(b":")[1], 16) == 2, err.split(b":")[2])
out, code, err = run(["/bin/echo"], cwd="/nonexistent-dir")
print(code, err.split(b":")[0], err.split(b":")[2])

def failing():
    raise RuntimeError("in the child")
print(run(["/bin/echo", "never"], preexec_fn=failing))

def show(f, *args):
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(run, ["/bin/echo"], None, None, None, None, (-1,))
show(_posixsubprocess.fork_exec, ["x"], [b"x"], True, [3], None, None, -1, -1, -1, -1, -1, -1, -1, 5,
     True, False, -1, None, None, None, -1, None, True)
show(_posixsubprocess.fork_exec, ["x"], [b"x"], True, (), None, None, -1, -1, -1, -1, -1, -1, -1, 1,
     True, False, -1, None, None, None, -1, None, True)
