from setuptools import Extension, setup

setup(
    package_dir={"": "src"},
    packages=["plainc"],
    ext_modules=[Extension("plainc._native", ["src/plainc/_native.c"])],
)
