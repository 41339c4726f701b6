from ._native import add, compiled_for
