# Printing containers, dataclasses, reprs and f-string formats.
from dataclasses import dataclass
from fractions import Fraction
from decimal import Decimal


@dataclass
class Point:
    x: float
    y: float


print([1, "two", 3.0, None, True])
print({"b": 2, "a": 1})
print(Point(1.5, -2))
print(repr("quotes ' and \""), ascii("é"))
print(Fraction(3, 4) + Fraction(1, 4), Decimal("0.1") + Decimal("0.2"), 0.1 + 0.2)
print(f"{3.14159:.2f} {42:08b} {255:#x} {1234567:,} {'left':<8}| {'right':>8}|")
print(b"bytes \x00\xff", bytearray(b"ab"))
print(range(3), list(range(3)), *range(3))
