import io

from officereport.progress import Progress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_quick_steps_print_nothing_and_slow_ones_print_each_decile_once():
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, quiet_s=1.0, clock=clock)
    for i in range(1, 11):
        progress(i, 10, "rapide")
    assert out.getvalue() == ""
    for i in range(0, 101):
        clock.now = 10 + i * 0.1
        progress(i, 100, "lent")
    lines = out.getvalue().splitlines()
    assert lines[0] == "lent : 10/100 (10 %)"
    assert lines[-1] == "lent : 100/100 (100 %)"
    assert len(lines) == 10
