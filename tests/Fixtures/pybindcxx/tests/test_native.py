import platform

import pybindcxx


def test_add():
    assert pybindcxx.add(2, 40) == 42


def test_compiled_for_this_machine():
    assert pybindcxx.compiled_for() == platform.machine()
