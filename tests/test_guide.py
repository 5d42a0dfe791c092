"""The editors' guide (HUONG-DAN.md) stays true: every phrase it explains is in a message the loader really prints
(a golden case of tests/messages/), its example messages are printed byte for byte, typical mistakes are in it, its
commands run."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, copy_tiny_data, edit
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from messagecases import case_files, read_case, run

GUIDE = (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")
MESSAGES = GUIDE.split("\n## 9.")[1].split("\n## 11.")[0]  # §9 (what a message means) and §10 (what may be written)
# §11 and §12 explain the workbook's and the limits' messages, which no golden case can make cheaply (a damaged
# workbook, a 16 MB file): their phrases are only looked for in the code. Every table before them, a case shows.
BEFORE_LIMITS, LIMITS = GUIDE.split("\n## 11.")
PHRASE_ROW = re.compile(r"^\| `([^`]+)` \|", re.MULTILINE)
MESSAGE_LINE = re.compile(r"^(?:  • )?(data/\S+:\d+)(?: — |: )", re.MULTILINE)  # as DataError and DataErrors print it
# A message's place, as khcn.core.errors.field_path words it: fields and entries counted from 1, named by their code
STEP = r"(?:trường `[^`]+`|mục thứ [1-9]\d*(?: \(`[^`]+`\))?)"
PLACE = rf"{STEP}(?:, {STEP})*"


def explained(text: str = MESSAGES) -> list[str]:
    """The phrases of the first column of the tables "thông báo có chữ" of `text` (§9 and §10 unless told)."""
    tables = re.findall(r"^\| thông báo có chữ \|.*\n((?:\|.*\n)+)", text, re.MULTILINE)
    return [phrase for table in tables for phrase in PHRASE_ROW.findall(table)]


def printed() -> list[str]:
    """Every message of the golden cases, as its parts (place, found, expected)."""
    return [" ".join(message.get(key, "") for key in ("field", "found", "expected"))
            for path in case_files() for message in read_case(path)["messages"]]


def test_every_explained_phrase_is_in_a_message_the_loader_prints():
    phrases = explained(BEFORE_LIMITS)
    assert len(explained()) >= 45 and len(set(phrases)) == len(phrases)
    assert explained() == PHRASE_ROW.findall(MESSAGES), "a row stands outside its table (a blank line breaks it)"
    said = printed()
    missing = [phrase for phrase in phrases if not any(phrase in message for message in said)]
    assert not missing, f"HUONG-DAN.md explains phrases no case of tests/messages/ shows (add a case): {missing}"


def test_every_phrase_of_the_limits_is_one_the_code_says():
    sources = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "hooks/khcn").rglob("*.py"))
    assert len(explained(LIMITS)) >= 10
    for phrase in explained(LIMITS):
        assert phrase in sources, f"HUONG-DAN.md explains `{phrase}`, which no message says any more"


def example_blocks() -> list[str]:
    """The guide's ```text blocks that show messages as a command prints them."""
    blocks = re.findall(r"^```text\n(.*?)^```", GUIDE, re.MULTILINE | re.DOTALL)
    return [block.rstrip("\n") for block in blocks if MESSAGE_LINE.search(block)]


@pytest.mark.parametrize("block", example_blocks(), ids=lambda block: MESSAGE_LINE.search(block)[1])
def test_an_example_message_is_printed_byte_for_byte_by_a_case(block, tmp_path):
    """A whole report (`Dữ liệu có … lỗi`) is the report of one case; single lines are messages of one case."""
    places = set(MESSAGE_LINE.findall(block))
    cases = [path for path in case_files() if places <= {m["at"] for m in read_case(path)["messages"]}]
    for path in cases:
        errors = run(read_case(path), copy_tiny_data(tmp_path / path.stem))
        if block.startswith("Dữ liệu có"):
            if block == DataErrors(errors).report():
                return
        elif set(block.split("\n")) <= {str(error) for error in errors}:
            return
    pytest.fail(f"no case of tests/messages/ (tried {[p.name for p in cases]}) prints:\n{block}")


def test_the_general_form_of_a_message_is_the_one_the_examples_have():
    prose = MESSAGES.split("\n| ")[0]
    assert "``data/tệp:dòng — trường `tên`: gặp …; cần ….``" in prose
    assert "mục được đếm từ 1" in prose and "mục thứ 2 (`mã`)" in prose
    lines = [line for block in example_blocks() for line in block.split("\n") if MESSAGE_LINE.match(line)]
    assert any("mục thứ" in line for line in lines)
    for line in lines:
        assert re.fullmatch(rf"(?:  • )?data/\S+:\d+ — {PLACE}: gặp .+; cần .+\.", line), line


@pytest.mark.parametrize("file, old, new", [
    ("van-ban.yaml", "so_ky_hieu: 12/KH-UBND", "so_ky_hieu: 12/KH-UBND\n  so_ky_hieu: 13"),
    ("so-lieu/2021-H1.yaml", "san-pham-bao-ho: 200", "san-pham-bao-ho: 1.200"),
    ("so-lieu/2021-H1.yaml", "cot-do: 1226", "cot-do: 1225"),
    ("so-lieu/2021-H1.yaml", "xa-ap-dung: 109/138", "xa-ap-dung: 139/138"),
    ("so-lieu/2021-H1.yaml", "san-pham-bao-ho: 200", "san-pham-bao-hox: 200"),
    ("tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "{{phuong-tien-do@2021-H1}}", "{{phuong-tien-do}}"),
    ("tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "[[12/KH-UBND]]", "[[99/KH-UBND]]"),
    ("tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "ngay_dang: \"15/07/2021 09:05\"", "ngay_dang: \"31/02/2021 09:05\""),
    ("tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "chuyen_muc: tin-hoat-dong", "chuyen_muc: su-kien"),
    ("to-chuc.yaml", "ten:", "ten : x\nten:"),
])
def test_typical_mistakes_are_explained(tiny_data, file, old, new):
    edit(tiny_data / file, old, new)
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    for error in caught.value.errors:
        assert any(phrase in str(error) for phrase in explained()), f"not in HUONG-DAN.md: {error}"


def test_the_commands_of_the_guide_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make ([a-z-]+)", GUIDE)):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), f"no `make {target}`"
    for script in set(re.findall(r"scripts/[a-z_]+\.py", GUIDE)):
        assert (ROOT / script).is_file(), script


def test_the_guide_on_gaps_and_approximate_figures_says_what_the_pages_say():
    """HUONG-DAN §8a: its `khong_co_so_lieu` example reads as data, and it quotes the pages' own words."""
    from khcn.data.models import BlankValue, Catalogue
    from khcn.data.validation import validate
    from khcn.data.yamlsource import parse_yaml, read_yaml
    from khcn.stats.charts import NO_FIGURE
    from khcn.stats.frames import APPROXIMATE

    section = GUIDE.split("### 8a.")[1].split("\n## ")[0]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    doc = parse_yaml("\n".join(line.removeprefix("  ") for line in example.splitlines()), "HUONG-DAN.md")
    [(indicator, raw)] = doc.data.items()
    catalogue, _ = validate(Catalogue, read_yaml(ROOT / "data/chi-so.yaml", "data/chi-so.yaml").data, None)
    assert indicator in {i.id for i in catalogue.indicators}
    assert validate(BlankValue, raw, doc)[0] is not None
    flat = " ".join(section.split())  # the guide wraps its lines anywhere
    assert f"({APPROXIMATE})" in flat and "trên 50 → trên 60" in flat
    assert NO_FIGURE.capitalize() in flat and "Tỉ lệ (%) trên tổng số UBND cấp xã" in flat
