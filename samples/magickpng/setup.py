"""Builds the C extension against MagickWand.

Like Lets-Plot's setup script, it takes ImageMagick from IMAGICK_LIB_PATH when that is set (a
prebuilt tree with include/ and lib/); otherwise it asks pkg-config, as in the build images.
"""
import os
import shlex
import subprocess

from setuptools import Extension, setup


def magickwand_flags():
    prefix = os.environ.get("IMAGICK_LIB_PATH")
    if prefix:
        include = os.path.join(prefix, "include", "ImageMagick-7")
        return {
            "include_dirs": [include],
            "library_dirs": [os.path.join(prefix, "lib")],
            "libraries": ["MagickWand-7.Q16HDRI", "MagickCore-7.Q16HDRI", "png"],
            "define_macros": [("MAGICKCORE_HDRI_ENABLE", "1"), ("MAGICKCORE_QUANTUM_DEPTH", "16")],
        }
    cflags = shlex.split(subprocess.check_output(["pkg-config", "--cflags", "MagickWand", "libpng"], text=True))
    libs = shlex.split(subprocess.check_output(["pkg-config", "--libs", "MagickWand", "libpng"], text=True))
    return {
        "include_dirs": [f[2:] for f in cflags if f.startswith("-I")],
        "define_macros": [tuple((f[2:] + "=1").split("=")[:2]) for f in cflags if f.startswith("-D")],
        "library_dirs": [f[2:] for f in libs if f.startswith("-L")],
        "libraries": [f[2:] for f in libs if f.startswith("-l")],
    }


setup(
    package_dir={"": "src"},
    packages=["magickpng"],
    ext_modules=[Extension("magickpng._render", ["src/magickpng/_render.c"], **magickwand_flags())],
)
