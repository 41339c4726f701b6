from abi3ext._native import answer

__all__ = ["answer"]
