# CPython's subprocess over minipy's _posixsubprocess, select and _io: run/check_output/Popen
# with pipes, input, communicate, timeouts, exit codes, env, cwd and errors.
import os
import subprocess
import sys

print(subprocess.run(["echo", "hello"], capture_output=True))
print(subprocess.check_output(["sh", "-c", "echo out; echo err >&2"], stderr=subprocess.STDOUT))
print(subprocess.run(["cat"], input=b"piped through cat", stdout=subprocess.PIPE).stdout)
print(subprocess.run("exit 3", shell=True).returncode)
print(subprocess.run(["sh", "-c", "echo $ONLY"], env={"ONLY": "this"}, capture_output=True, text=True).stdout)
print(subprocess.run(["pwd"], cwd="/", capture_output=True, text=True).stdout)
p = subprocess.Popen(["sh", "-c", "read x; echo got $x; exit 5"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate(b"line\n", timeout=10)
print(out, err, p.returncode, p.pid > 0)
try:
    subprocess.run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired:", e.cmd, round(e.timeout, 1))
try:
    subprocess.check_call(["false"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError:", e.returncode, e.cmd)
try:
    subprocess.run(["/nonexistent/program"])
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno, e.filename)
try:
    subprocess.run(["ls"], cwd="/nonexistent-dir")
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno, e.filename)
p = subprocess.Popen(["sleep", "10"])
p.terminate()
print(p.wait(10))
with subprocess.Popen(["sh", "-c", "for i in 1 2 3; do echo $i; done"], stdout=subprocess.PIPE, text=True) as p:
    print([line.strip() for line in p.stdout])
print(p.returncode)
print(subprocess.getoutput("echo getoutput"), subprocess.getstatusoutput("exit 2"))
