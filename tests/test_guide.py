"""The editors' guide (HUONG-DAN.md) stays true: its messages exist, typical mistakes are in it, its commands run."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, edit
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data

GUIDE = (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")
SOURCES = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "hooks/khcn").rglob("*.py"))


def explained() -> list[str]:
    """The phrases of the table "Ý nghĩa các thông báo lỗi"."""
    table = GUIDE.split("## 9.")[1]
    return re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)


def test_every_explained_message_is_one_the_code_says():
    assert len(explained()) >= 20
    for phrase in explained():
        assert phrase in SOURCES, f"HUONG-DAN.md explains `{phrase}`, which no message says any more"


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
