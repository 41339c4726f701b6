import sys

from setuptools import Extension, setup

# The stable ABI from 3.11 on; before that, the version-specific one.
limited = sys.version_info >= (3, 11)

setup(
    package_dir={"": "src"},
    packages=["abi3later"],
    ext_modules=[
        Extension(
            "abi3later._native",
            ["src/abi3later/_native.c"],
            py_limited_api=limited,
            define_macros=[("Py_LIMITED_API", "0x030B0000")] if limited else [],
        )
    ],
    options={"bdist_wheel": {"py_limited_api": "cp311"}} if limited else {},
)
