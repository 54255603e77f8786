"""The child side of the 'spawn' start method: spawn_main() reads the preparation data, runs
the parent's main script as __mp_main__ (so the `if __name__ == '__main__':` guard matters),
then unpickles and runs the process."""

import os
import sys
import _multiprocessing

from multiprocessing import process, util

__all__ = ['spawn_main', 'get_preparation_data', 'freeze_support']


def freeze_support():
    pass


def _check_not_importing_main():
    if getattr(process.current_process(), '_inheriting', False):
        raise RuntimeError('''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        ''')


def get_preparation_data(name):
    _check_not_importing_main()
    d = dict(name=name, sys_path=list(sys.path), sys_argv=list(sys.argv), dir=os.getcwd(),
             parent_pid=os.getpid(), parent_name=process.current_process().name)
    main_module = sys.modules.get('__main__')
    main_path = getattr(main_module, '__file__', None)
    if main_path is not None and not main_path.startswith('<'):
        if not main_path.startswith('/'):
            main_path = os.getcwd() + '/' + main_path
        try:
            main_path = os.path.normpath(main_path)
        except ImportError:  # embedded-only mode (no posixpath): the path works unnormalised
            pass
        d['init_main_from_path'] = main_path
    return d


def _process_state(p):
    return (type(p), p._name, p._target, p._args, p._kwargs, p._identity, p.daemon)


def _rebuild_process(state):
    cls, name, target, args, kwargs, identity, daemon = state
    p = cls.__new__(cls)
    p._identity = identity
    p._config = {'daemon': daemon}
    p._parent_pid = os.getppid()
    p._parent_name = None
    p._popen = None
    p._closed = False
    p._target = target
    p._args = args
    p._kwargs = kwargs
    p._name = name
    return p


def _run_main_path(path):
    main = type(sys)('__mp_main__')
    main.__file__ = path
    main.__builtins__ = __builtins__
    sys.modules['__mp_main__'] = main
    sys.modules['__main__'] = main
    with open(path) as f:
        source = f.read()
    code = compile(source, path, 'exec')
    exec(code, main.__dict__)


def spawn_main(rfd, sentinel_fd):
    from _pickle import loads
    prep = loads(_multiprocessing.recv_bytes(rfd))
    sys.path[:] = prep['sys_path']
    sys.argv[:] = prep['sys_argv']
    cur = process.current_process()
    cur._name = prep['name']
    cur._inheriting = True
    try:
        if 'init_main_from_path' in prep:
            _run_main_path(prep['init_main_from_path'])
        state = loads(_multiprocessing.recv_bytes(rfd))
    finally:
        cur._inheriting = False
    os.close(rfd)
    p = _rebuild_process(state)
    p._parent_name = prep['parent_name']
    p._parent_pid = prep['parent_pid']
    code = p._bootstrap()
    util._flush_std_streams()
    os._exit(code)
