"""Builds a C++ extension from the native folder of the machine it builds for.

Like real setup scripts that link a prebuilt native library (Lets-Plot picks linuxX64 or
linuxArm64), it asks platform.machine() which machine that is, and fails when it has no folder
for the answer. It also prints what the build sees, for the tests to read in the cell's log.
"""
import os
import platform
import shlex
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

machine = platform.machine()
native = os.path.join("native", machine)
if not os.path.isdir(native):
    sys.exit(f"machinecxx: no native folder for machine {machine!r} (platform.machine())")


def pkg_config(*arguments):
    return subprocess.check_output(["pkg-config", *arguments], text=True).strip()


class ReportingBuildExt(build_ext):
    """Prints the compiler and linker setuptools will really run, after it applied the environment."""

    def build_extensions(self):
        print(f"machinecxx-probe compiler_cxx={shlex.join(self.compiler.compiler_cxx)}")
        print(f"machinecxx-probe linker_so={shlex.join(self.compiler.linker_so)}")
        super().build_extensions()


for key, value in {
    "platform.machine": machine,
    "os.uname.machine": os.uname().machine,
    "sysconfig.platform": sysconfig.get_platform(),
    "EXT_SUFFIX": sysconfig.get_config_var("EXT_SUFFIX"),
    "sysconfig.CC": sysconfig.get_config_var("CC"),
    "sysconfig.LDSHARED": sysconfig.get_config_var("LDSHARED"),
    "env.CC": os.environ.get("CC", ""),
    "env.CXX": os.environ.get("CXX", ""),
    "env.QEMU_CPU": os.environ.get("QEMU_CPU", ""),
    "pkg-config.libpng.libdir": pkg_config("--variable=libdir", "libpng"),
    "ARCH": os.environ.get("ARCH", ""),
    "PLAT": os.environ.get("PLAT", ""),
    "CPYTHON_VERSION": os.environ.get("CPYTHON_VERSION", ""),
}.items():
    print(f"machinecxx-probe {key}={value}")

setup(
    package_dir={"": "src"},
    packages=["machinecxx"],
    ext_modules=[Extension("machinecxx._native", ["src/machinecxx/_native.cpp"], include_dirs=[native], language="c++")],
    cmdclass={"build_ext": ReportingBuildExt},
)
