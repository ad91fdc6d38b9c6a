def averager():
    total, count, avg = 0.0, 0, None
    while True:
        term = yield
        if term is None:
            break
        total += term
        count += 1
        avg = total / count
    return (count, avg)
def grouper(results, key):
    while True:
        results[key] = yield from averager()
results = {}
for key, values in [("girls", [40.9, 38.5, 44.3]), ("boys", [39.0, 40.8])]:
    group = grouper(results, key)
    next(group)
    for v in values:
        group.send(v)
    group.send(None)
for key in sorted(results):
    count, avg = results[key]
    print(f"{count} {key} averaging {avg:.2f}")
