"""Links MagickWand statically from IMAGICK_LIB_PATH, as Lets-Plot's build does (no pkg-config)."""
import os

from setuptools import Extension, setup

prefix = os.environ["IMAGICK_LIB_PATH"]
setup(
    package_dir={"": "src"},
    packages=["staticmagick"],
    ext_modules=[Extension(
        "staticmagick._bridge",
        ["src/staticmagick/_bridge.c"],
        include_dirs=[os.path.join(prefix, "include", "ImageMagick-7")],
        library_dirs=[os.path.join(prefix, "lib")],
        libraries=["MagickWand-7.Q16HDRI", "MagickCore-7.Q16HDRI", "fontconfig", "freetype", "expat"],
        define_macros=[("MAGICKCORE_HDRI_ENABLE", "1"), ("MAGICKCORE_QUANTUM_DEPTH", "16")],
    )],
)
