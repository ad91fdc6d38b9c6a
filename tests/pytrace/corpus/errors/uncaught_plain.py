# A plain uncaught exception several frames deep: traceback and exit code 1.
def parse_age(text):
    return int(text)


def load(records):
    return [parse_age(r["age"]) for r in records]


people = [{"age": "31"}, {"age": "forty"}]
print("loading", len(people), "records")
print(load(people))
