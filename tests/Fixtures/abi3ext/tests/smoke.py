import platform

import abi3ext
import abi3ext._native

# Run from the test's own folder: the import is the installed wheel's, not the project's copy.
assert "site-packages" in abi3ext.__file__, abi3ext.__file__
assert abi3ext.answer() == 42
print(f"abi3ext {abi3ext._native.__file__.rsplit('/', 1)[-1]} on Python {platform.python_version()} ({platform.machine()}): {abi3ext.answer()}")
