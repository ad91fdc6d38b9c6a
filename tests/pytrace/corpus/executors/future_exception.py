# An exception inside a submitted job is re-raised by result(); the script handles one and lets
# the next escape.
from concurrent.futures import ThreadPoolExecutor


def parse(text):
    return int(text)


with ThreadPoolExecutor(max_workers=2) as ex:
    good = ex.submit(parse, "42")
    bad = ex.submit(parse, "forty-two")
    print("good:", good.result())
    try:
        bad.result()
    except ValueError as e:
        print("bad:", e)
    print("exception():", repr(bad.exception()))
    worse = ex.submit(parse, "x")
    worse.result()
