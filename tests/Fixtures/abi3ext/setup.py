import sys

from setuptools import Extension, setup

# The stable ABI from CPython 3.11 on (as a project whose code needs what 3.11's limited API added): 3.11 and later
# build one cp311-abi3 wheel that every later CPython takes; an older CPython gets a wheel of its own.
limited = sys.version_info >= (3, 11)

setup(
    package_dir={"": "src"},
    packages=["abi3ext"],
    ext_modules=[
        Extension(
            "abi3ext._native",
            ["src/abi3ext/_native.c"],
            py_limited_api=limited,
            define_macros=[("Py_LIMITED_API", "0x030B0000")] if limited else [],
        )
    ],
    options={"bdist_wheel": {"py_limited_api": "cp311"}} if limited else {},
)
