import platform

import poetryc


def test_add():
    assert poetryc.add(2, 40) == 42


def test_compiled_for_this_machine():
    assert poetryc.compiled_for() == platform.machine()
