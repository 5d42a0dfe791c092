from pathlib import Path

import pytest

from khcn.core.background import BackgroundError, BackgroundJob


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _fail() -> None:
    raise ValueError("hỏng")


def test_the_work_is_done_by_the_time_wait_returns(tmp_path):
    job = BackgroundJob(_write, tmp_path / "x.txt", "xong")
    job.wait()
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "xong"


def test_a_failure_is_raised_by_wait_with_its_traceback():
    job = BackgroundJob(_fail)
    with pytest.raises(BackgroundError) as caught:
        job.wait()
    assert "ValueError: hỏng" in str(caught.value)


def _square(n: int) -> int:
    if n == 99:
        raise ValueError("không tính được")
    return n * n


def test_split_map_keeps_the_order_of_both_halves():
    from khcn.core.background import split_map

    assert split_map(_square, list(range(90))) == [n * n for n in range(90)]


def test_split_map_reports_a_failure_in_the_second_half():
    from khcn.core.background import split_map

    with pytest.raises(BackgroundError) as caught:
        split_map(_square, list(range(100)))
    assert "ValueError: không tính được" in str(caught.value)


def _niceness(path):
    import os
    path.write_text(str(os.nice(0)), encoding="utf-8")


def test_the_background_job_yields_to_the_build(tmp_path):
    import os

    from khcn.core.background import BACKGROUND_NICENESS
    BackgroundJob(_niceness, tmp_path / "n.txt").wait()
    assert int((tmp_path / "n.txt").read_text(encoding="utf-8")) == min(19, os.nice(0) + BACKGROUND_NICENESS)
