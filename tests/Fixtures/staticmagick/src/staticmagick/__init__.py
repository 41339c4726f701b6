from ._bridge import canvas, version

__all__ = ["canvas", "version"]
