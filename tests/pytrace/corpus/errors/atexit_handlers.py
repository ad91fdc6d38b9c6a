# atexit handlers run in reverse order of registration, after the script's last line.
import atexit


def goodbye(name, adjective):
    print(f"Goodbye {name}, it was {adjective} to meet you.")


atexit.register(goodbye, "Donny", "nice")
atexit.register(goodbye, adjective="nice", name="Donny (kwargs)")


@atexit.register
def last_words():
    print("registered last, runs first")


print("end of the script body")
