def worker():
    print("worker: started")
    try:
        while True:
            try:
                job = yield
            except ValueError as e:
                print(f"worker: recovered from {e}")
                continue
            print(f"worker: job {job}")
    finally:
        print("worker: cleanup")
w = worker()
next(w)
w.send("a")
w.throw(ValueError("bad job"))
w.send("b")
w.close()
print("closed:", w.gi_frame is None)
