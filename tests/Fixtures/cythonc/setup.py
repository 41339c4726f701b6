from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    package_dir={"": "src"},
    packages=["cythonc"],
    ext_modules=cythonize([Extension("cythonc._native", ["src/cythonc/_native.pyx"])], language_level=3),
)
