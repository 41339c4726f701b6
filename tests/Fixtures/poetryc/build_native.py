"""poetry-core's build script: compiles the extension into the package folder, from which poetry-core takes it into the wheel."""

from setuptools import Distribution, Extension
from setuptools.command.build_ext import build_ext


def build():
    distribution = Distribution({"name": "poetryc", "package_dir": {"": "src"}, "ext_modules": [Extension("poetryc._native", ["src/native.c"])]})
    command = build_ext(distribution)
    command.inplace = True
    command.ensure_finalized()
    command.run()


if __name__ == "__main__":
    build()
