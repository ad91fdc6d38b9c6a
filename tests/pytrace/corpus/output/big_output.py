# Many lines and one very long line.
for i in range(2000):
    print(f"line {i:04d} " + "x" * (i % 50))
print("-" * 10000)
print("end")
