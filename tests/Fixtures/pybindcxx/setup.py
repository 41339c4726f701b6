from pybind11.setup_helpers import Pybind11Extension
from setuptools import setup

setup(
    package_dir={"": "src"},
    packages=["pybindcxx"],
    ext_modules=[Pybind11Extension("pybindcxx._native", ["src/native.cpp"])],
)
