from ._native import answer
