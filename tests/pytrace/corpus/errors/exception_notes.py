# Python 3.11 exception notes, and an ExceptionGroup raised by hand.
def validate(rows):
    errors = []
    for i, row in enumerate(rows):
        try:
            int(row)
        except ValueError as e:
            e.add_note(f"row {i}")
            errors.append(e)
    if errors:
        raise ExceptionGroup("validation failed", errors)


try:
    validate(["1", "x", "3", "y"])
except* ValueError as eg:
    for e in eg.exceptions:
        print(e, e.__notes__)
validate(["z"])
