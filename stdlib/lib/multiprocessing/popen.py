"""Start methods. 'fork': os.fork(), the child runs process_obj._bootstrap() then os._exit().
'spawn': a fresh minipy (sys.executable) that re-imports the main script as __mp_main__ and
unpickles the process (see spawn.py)."""

import os
import sys
import _signal as signal  # the native module: no CPython library needed
import _multiprocessing
from _thread import allocate_lock as _allocate_lock

from multiprocessing import util


class PopenFork:
    method = 'fork'

    def __init__(self, process_obj):
        util._flush_std_streams()
        self.returncode = None
        self.sentinel = None
        self._wait_lock = _allocate_lock()
        self._launch(process_obj)

    def _launch(self, process_obj):
        code = 1
        r, w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                os.close(r)
                _after_fork_in_child()
                code = process_obj._bootstrap()
            finally:
                os._exit(code)
        else:
            os.close(w)
            self.sentinel = r

    def poll(self, flag=os.WNOHANG):
        if self.returncode is None:
            with self._wait_lock:
                if self.returncode is None:
                    try:
                        pid, sts = os.waitpid(self.pid, flag)
                    except OSError:
                        return None
                    if pid == self.pid:
                        self.returncode = os.waitstatus_to_exitcode(sts)
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            if timeout is not None:
                if self.sentinel is not None and not _multiprocessing.poll(self.sentinel, timeout):
                    return None
            return self.poll(0)
        return self.returncode

    def _send_signal(self, sig):
        if self.returncode is None:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass
            except OSError:
                if self.wait(timeout=0.1) is None:
                    raise

    def terminate(self):
        self._send_signal(signal.SIGTERM)

    def kill(self):
        self._send_signal(signal.SIGKILL)

    def close(self):
        if self.sentinel is not None:
            try:
                os.close(self.sentinel)
            except OSError:
                pass
            self.sentinel = None


def _after_fork_in_child():
    if not hasattr(os, 'register_at_fork'):
        th = sys.modules.get('threading')
        if th is not None and hasattr(th, '_after_fork'):
            th._after_fork()


class PopenSpawn(PopenFork):
    method = 'spawn'

    def _launch(self, process_obj):
        from multiprocessing import spawn
        from _pickle import dumps
        prep = spawn.get_preparation_data(process_obj._name)
        payload = dumps(spawn._process_state(process_obj))
        r, w = os.pipe()            # preparation data and process, parent -> child
        sr, sw = os.pipe()          # sentinel: EOF when the child exits
        exe = sys.executable
        cmd = [exe, '-c', 'from multiprocessing.spawn import spawn_main; spawn_main(%d, %d)' % (r, sw)]
        self.pid = _multiprocessing.fork_exec(exe, cmd, [r, sw])
        os.close(r)
        os.close(sw)
        self.sentinel = sr
        try:
            _multiprocessing.send_bytes(w, dumps(prep))
            _multiprocessing.send_bytes(w, payload)
        finally:
            os.close(w)
