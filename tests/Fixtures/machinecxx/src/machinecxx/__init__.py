"""A C++ extension built from the native folder of its machine."""
from ._native import compiled_for, folder, join

__all__ = ["compiled_for", "folder", "join"]
__version__ = "0.1.0"
