from setuptools import Extension, setup

setup(
    package_dir={"": "src"},
    packages=["abi3ext"],
    ext_modules=[
        Extension(
            "abi3ext._native",
            ["src/abi3ext/_native.c"],
            py_limited_api=True,
        )
    ],
)
