# warnings.warn: shown once per location on stderr, in python3's format.
import warnings


def old_api(x):
    warnings.warn("old_api is deprecated, use new_api", DeprecationWarning, stacklevel=2)
    return x


def risky():
    warnings.warn("this may lose data")


warnings.simplefilter("default")
for i in range(3):
    old_api(i)
risky()
risky()
print("done")
