import platform

import skbuildc


def test_add():
    assert skbuildc.add(2, 40) == 42


def test_compiled_for_this_machine():
    assert skbuildc.compiled_for() == platform.machine()
