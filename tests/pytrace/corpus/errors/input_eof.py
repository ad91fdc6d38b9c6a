# input() with stdin at end-of-file, as in a pipeline or under a test harness.
print("What is your name?")
try:
    name = input("> ")
except EOFError:
    name = "stranger"
    print()
print(f"Hello, {name}!")
age = input("Age? ")
