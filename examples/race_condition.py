# A race condition and its fix.  A bank account's balance is updated with
# "read, do something, write back"; two threads depositing at the same time
# overwrite each other's updates.  A Lock around the update fixes it.
import threading


class Account:
    def __init__(self):
        self.balance = 0
        self.lock = threading.Lock()

    def log(self, amount):
        pass  # e.g. write an audit record: any call is a point where threads may switch

    def deposit_unsafe(self, amount):
        current = self.balance
        self.log(amount)
        self.balance = current + amount

    def deposit_safe(self, amount):
        with self.lock:
            current = self.balance
            self.log(amount)
            self.balance = current + amount


def run(method_name, threads=4, deposits=200000):
    acct = Account()

    def worker():
        deposit = getattr(acct, method_name)
        for _ in range(deposits):
            deposit(1)
    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return acct.balance, threads * deposits


def main():
    got, expected = run("deposit_unsafe")
    print("without a lock: balance %d, expected %d -> %d deposits lost"
          % (got, expected, expected - got))
    got, expected = run("deposit_safe", deposits=50000)
    print("with a lock:    balance %d, expected %d -> %d deposits lost"
          % (got, expected, expected - got))


main()
