import multiprocessing as mp
import os
data = [1, 2, 3]
def mutate(q):
    data.append(99)
    q.put((len(data), os.getpid() != PARENT))
PARENT = os.getpid()
if __name__ == '__main__':
    q = mp.Queue()
    p = mp.Process(target=mutate, args=(q,))
    p.start()
    print(q.get(timeout=30))
    p.join()
    print(data, os.getpid() == PARENT)
