"""Checks the installed wheel: python {project}/tests/check.py"""
import os
import platform
import sys

import machinecxx

if "site-packages" not in machinecxx.__file__:
    sys.exit(f"machinecxx was imported from {machinecxx.__file__}, not from an installed wheel")

machine = platform.machine()
assert machinecxx.compiled_for() == machine, (machinecxx.compiled_for(), machine)
assert machinecxx.folder() == machine, (machinecxx.folder(), machine)
assert machinecxx.join(["a", "b", "c"], "-") == "a-b-c"
try:
    machinecxx.join([], "-")
except ValueError as error:
    assert "nothing to join" in str(error)
else:
    sys.exit("a C++ exception did not become a ValueError")

print(f"machinecxx {machinecxx.__version__} on {machine} (uname {os.uname().machine}), Python {sys.version.split()[0]}: "
      f"compiled for {machinecxx.compiled_for()}, folder {machinecxx.folder()}, C++ ok")
