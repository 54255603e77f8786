from concurrent.futures import ThreadPoolExecutor, as_completed, wait, ALL_COMPLETED
import time
def job(n):
    time.sleep(0.01 * (n % 4))
    return n, n * n
with ThreadPoolExecutor(max_workers=4) as ex:
    futs = {ex.submit(job, n): n for n in range(8)}
    results = []
    for f in as_completed(futs):
        n, sq = f.result()
        assert futs[f] == n
        results.append(sq)
    print(sorted(results))
    more = [ex.submit(job, n) for n in range(3)]
    done, not_done = wait(more, return_when=ALL_COMPLETED)
    print(len(done), len(not_done), sorted(f.result()[1] for f in done))
