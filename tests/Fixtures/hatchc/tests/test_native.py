import platform

import hatchc


def test_add():
    assert hatchc.add(2, 40) == 42


def test_compiled_for_this_machine():
    assert hatchc.compiled_for() == platform.machine()
