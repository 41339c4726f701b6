import platform

import abi3later
import abi3later._native

# Run from the test's own folder: the import is the installed wheel's, not the project's copy.
assert "site-packages" in abi3later.__file__, abi3later.__file__
assert abi3later.answer() == 42
print(f"abi3later {abi3later._native.__file__.rsplit('/', 1)[-1]} on Python {platform.python_version()}: {abi3later.answer()}")
