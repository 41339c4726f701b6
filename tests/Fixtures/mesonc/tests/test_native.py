import platform

import mesonc


def test_add():
    assert mesonc.add(2, 40) == 42


def test_compiled_for_this_machine():
    assert mesonc.compiled_for() == platform.machine()
