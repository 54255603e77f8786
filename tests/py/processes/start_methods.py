import multiprocessing as mp

def greet(conn, who):
    conn.send(f"hello {who} from {mp.current_process().name}")
    conn.close()

def square(x):
    return x * x

if __name__ == '__main__':
    print(mp.get_start_method())
    print([m in mp.get_all_start_methods() for m in ('fork', 'spawn')])
    for method in ("fork", "spawn"):
        ctx = mp.get_context(method)
        print(ctx.get_start_method())
        r, w = ctx.Pipe(duplex=False)
        p = ctx.Process(target=greet, args=(w, method), name=f"{method}-child")
        p.start()
        print(r.recv())
        p.join()
        print(p.exitcode)
    try:
        mp.get_context("bogus")
    except ValueError as e:
        print(e)
    try:
        mp.set_start_method("spawn")
        mp.set_start_method("fork")
    except RuntimeError as e:
        print(e)
    mp.set_start_method("fork", force=True)
    print(mp.get_start_method())
    with mp.get_context("fork").Pool(2) as pool:
        print(pool.map(square, [1, 2, 3]))
