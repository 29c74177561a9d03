"""The CLI progress bar."""

import io

from kredsraad.core.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_bar_is_redrawn_in_place():
    stream = Terminal()

    with ProgressBar(4, "Indlæser", stream=stream, width=4) as bar:
        for _ in range(4):
            bar.advance()

    frames = stream.getvalue().split("\r")[1:]
    assert frames[0] == "Indlæser [----] 0/4 (0%)"
    assert frames[2] == "Indlæser [##--] 2/4 (50%)"
    assert frames[-1] == "Indlæser [####] 4/4 (100%)\n"


def test_in_a_log_a_line_is_written_per_tenth_only():
    stream = io.StringIO()

    with ProgressBar(1000, "Indlæser", stream=stream, width=10) as bar:
        for _ in range(1000):
            bar.advance()

    lines = stream.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[5] == "Indlæser [#####-----] 500/1000 (50%)"


def test_an_empty_job_is_done_at_once():
    stream = io.StringIO()

    with ProgressBar(0, "Indlæser", stream=stream, width=2):
        pass

    assert stream.getvalue() == "Indlæser [##] 0/0 (100%)\n"
