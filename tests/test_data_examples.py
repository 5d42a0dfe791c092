"""The examples of the editors' data reference (DU-LIEU.md) are real: each YAML example is valid for its kind, and
the sample error is what we print."""

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import edit
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.data.models import (
    Catalogue,
    Categories,
    CountValue,
    Edition,
    Holidays,
    Interruption,
    Introduction,
    LegalDocument,
    Organisation,
    Procedures,
    ProjectRegister,
    ProtectionRegister,
    Publication,
    Report,
)
from khcn.data.validation import validate
from khcn.data.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "DU-LIEU.md"


def _examples() -> dict[str, list[str]]:
    """YAML blocks of DU-LIEU.md by the heading above them (its first `code` part when it has one)."""
    examples = {}
    for block in re.split(r"(?m)^### ", REFERENCE.read_text(encoding="utf-8"))[1:]:
        title = block.split("\n", 1)[0]
        heading = title.split("`")[1] if "`" in title else title
        examples[heading] = re.findall(r"```yaml\n(.*?)```", block, re.DOTALL)
    return examples


@pytest.mark.parametrize("heading, index, model", [
    ("data/to-chuc.yaml", 0, Organisation),
    ("data/van-ban.yaml", 0, tuple[LegalDocument, ...]),
    ("data/chi-so.yaml", 0, Catalogue),
    ("data/bao-cao/<đường-dẫn>.yaml", 0, Report),
    ("data/de-tai-du-an.yaml", 0, ProjectRegister),
    ("data/bao-ho.yaml", 0, ProtectionRegister),
    ("Đính chính một con số đã công bố", 0, dict[str, CountValue]),
    ("data/chuyen-muc.yaml", 0, Categories),
    # issue 12b
    ("data/van-ban.yaml", 1, tuple[LegalDocument, ...]),
    ("data/thu-tuc.yaml", 0, Procedures),
    ("data/gioi-thieu.yaml", 0, Introduction),  # issue 12a
    ("data/tam-ngung.yaml", 0, Interruption),  # issue 12c
    ("data/ngay-nghi.yaml", 0, Holidays),  # issue 12c
    ("data/ban-tin.yaml", 0, Publication),  # issue 15
    ("data/ban-tin/<năm>-<số>.yaml", 0, Edition),  # issue 15
])
def test_each_example_is_valid(heading, index, model):
    doc = parse_yaml(_examples()[heading][index], heading)
    record, errors = validate(model, doc.data, doc)
    assert errors == [] and record is not None


def test_the_sample_error_is_the_real_message(tmp_path):
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    values = data / "so-lieu/2021-H1.yaml"
    edit(values, "taximet: 36", "taximet: 35")
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    sample = re.search(r"```text\n(.*?)```", REFERENCE.read_text(encoding="utf-8"), re.DOTALL).group(1)
    assert caught.value.report() + "\n" == sample


def test_the_bulletin_example_builds_against_the_real_data(tmp_path):
    """The example's front matter, figures, document and table all resolve (its image is made up here)."""
    block = REFERENCE.read_text(encoding="utf-8").split("### `data/tin-tuc/")[1]
    example = re.search(r"```markdown\n(.*?)```", block, re.DOTALL).group(1)
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    (data / "tin-tuc/2026").mkdir(parents=True)
    (data / "tin-tuc/2026/hoi-thao-che-shan-tuyet.md").write_text(example, encoding="utf-8")
    (tmp_path / "docs/anh/2026").mkdir(parents=True)
    Image.new("RGB", (640, 480)).save(tmp_path / "docs/anh/2026/hoi-thao.jpg")  # checked by its content
    [bulletin] = load_site_data(data, check_history=False).bulletins
    assert bulletin.meta.tags == ("chè Shan tuyết", "chỉ dẫn địa lý")
