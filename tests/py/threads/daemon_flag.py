import threading, time
def forever():
    while True:
        time.sleep(0.05)
d = threading.Thread(target=forever, daemon=True)
print(d.daemon)
d.start()
print(d.is_alive())
n = threading.Thread(target=lambda: None)
print(n.daemon)
n.daemon = True
print(n.daemon)
try:
    d.daemon = False
except RuntimeError as e:
    print("RuntimeError:", e)
n.start(); n.join()
print("main exits while daemon thread still runs")
