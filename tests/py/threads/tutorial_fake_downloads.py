# Tutorial walk-through: "downloading" images one by one, then with executor.map; the network is
# simulated by a sleep and the files are kept in a dict.
import concurrent.futures, threading, time
img_urls = [f"https://images.example/photos/photo-{i:02d}/download" for i in range(15)]
saved = {}
saved_lock = threading.Lock()
printed = []
def fake_get(url):
    time.sleep(0.03)
    return ("JPEG:" + url).encode()
def download_image(img_url):
    img_bytes = fake_get(img_url)
    img_name = img_url.split('/')[4]
    with saved_lock:
        saved[f"{img_name}.jpg"] = img_bytes
        printed.append(f"{img_name} was downloaded...")

start = time.perf_counter()
for url in img_urls:
    download_image(url)
sequential = time.perf_counter() - start
print(len(saved), sequential >= 15 * 0.03 * 0.9)

saved.clear(); printed.clear()
start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor() as executor:
    executor.map(download_image, img_urls)
threaded = time.perf_counter() - start
print(len(saved), sorted(saved)[:2], saved["photo-07.jpg"][:5])
print(sorted(printed)[0], len(printed))
print("threads were faster:", threaded < sequential)
