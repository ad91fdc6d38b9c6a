# time.strftime and time.localtime as a homework logger: the seconds between two readings.
# corpus: mask=time
import time


def log(msg):
    print(time.strftime("[%Y-%m-%d %H:%M:%S]"), msg)


log("begin")
t0 = time.localtime()
time.sleep(2)
t1 = time.localtime()
log("end")
print("localtime seconds apart:", round(time.mktime(t1) - time.mktime(t0)))
