from collections.abc import Iterable, Iterator
nums = [1, 2, 3]
print("list iterable:", isinstance(nums, Iterable))
print("list iterator:", isinstance(nums, Iterator))
it = iter(nums)
print("iter(list) iterator:", isinstance(it, Iterator))
print(next(it), next(it), next(it))
try:
    next(it)
except StopIteration:
    print("StopIteration")
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"
g = countdown(3)
print("generator iterator:", isinstance(g, Iterator))
print([x for x in g])
g = countdown(1)
next(g)
try:
    next(g)
except StopIteration as e:
    print("return value:", e.value)
