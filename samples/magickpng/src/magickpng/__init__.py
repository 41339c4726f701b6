"""PNG images drawn in memory with ImageMagick (MagickWand), from a C extension."""
from ._render import imagemagick_version, render

__version__ = "0.1.0"
__all__ = ["imagemagick_version", "render"]
