# A student's script with a syntax error: nothing runs, python3 exits 2.
print("this line never runs")
def greet(name)
    print("hi", name)
