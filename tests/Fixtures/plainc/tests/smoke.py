import platform

import plainc

assert plainc.answer() == 42
print(f"plainc 0.1.0 on Python {platform.python_version()} ({platform.machine()}): {plainc.answer()}")
