import flitpure


def test_add():
    assert flitpure.add(2, 40) == 42
