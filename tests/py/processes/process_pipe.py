import multiprocessing as mp
def echo_server(conn):
    while True:
        msg = conn.recv()
        if msg == "quit":
            conn.send("bye")
            break
        conn.send(("echo", msg))
    conn.close()
if __name__ == '__main__':
    parent, child = mp.Pipe()
    p = mp.Process(target=echo_server, args=(child,))
    p.start()
    for msg in ["hello", 42, [1, 2, 3], {"k": "v"}]:
        parent.send(msg)
        print(parent.recv())
    parent.send("quit")
    print(parent.recv())
    p.join()
    print(p.exitcode)
    a, b = mp.Pipe(duplex=False)
    b.send("one-way")
    print(a.recv(), a.poll(0.01))
