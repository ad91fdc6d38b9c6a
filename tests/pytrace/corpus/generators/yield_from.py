# Delegation with yield from: the subgenerator's return value comes back to the delegator.
def subtotal(name):
    total = 0
    while True:
        value = yield
        if value is None:
            break
        total += value
    print(f"  {name}: subtotal {total}")
    return total


def grouper(results, key):
    while True:
        results[key] = yield from subtotal(key)


data = {"girls;kg": [40.9, 38.5, 44.3], "boys;kg": [39.0, 40.8, 43.2, 40.8]}
results = {}
for key, values in data.items():
    group = grouper(results, key)
    next(group)
    for v in values:
        group.send(v)
    group.send(None)
for key in sorted(results):
    print(f"{key}: {results[key]:.1f}")
