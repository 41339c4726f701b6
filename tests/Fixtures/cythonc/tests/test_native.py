import platform

from hypothesis import given, strategies

import cythonc


@given(strategies.integers(-(2**31), 2**31), strategies.integers(-(2**31), 2**31))
def test_add(a, b):
    assert cythonc.add(a, b) == a + b


def test_compiled_for_this_machine():
    assert cythonc.compiled_for() == platform.machine()
