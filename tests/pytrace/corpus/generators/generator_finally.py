# A generator abandoned half-way: its finally block runs when it is closed or collected.
def resource(name):
    print(f"open {name}")
    try:
        for i in range(5):
            yield f"{name}[{i}]"
    finally:
        print(f"close {name}")


g = resource("first")
print(next(g))
print(next(g))
g.close()

for item in resource("second"):
    print(item)
    if item.endswith("[1]"):
        break
print("after the loop")

third = resource("third")
print(next(third))
print("end of script")
