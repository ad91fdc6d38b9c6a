# Recursive generators with yield from: flatten nested lists and walk a tree.
def flatten(items):
    for x in items:
        if isinstance(x, (list, tuple)):
            yield from flatten(x)
        else:
            yield x


print(list(flatten([1, [2, [3, 4], 5], (6, [7, [8]]), 9])))

TREE = {"name": "root", "children": [
    {"name": "a", "children": [{"name": "a1", "children": []}, {"name": "a2", "children": []}]},
    {"name": "b", "children": [{"name": "b1", "children": [{"name": "b1x", "children": []}]}]},
]}


def walk(node, depth=0):
    yield "  " * depth + node["name"]
    for child in node["children"]:
        yield from walk(child, depth + 1)


for line in walk(TREE):
    print(line)
