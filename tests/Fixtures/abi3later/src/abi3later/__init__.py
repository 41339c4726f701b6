from abi3later._native import answer

__all__ = ["answer"]
