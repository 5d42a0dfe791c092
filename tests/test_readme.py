"""README's examples are real: each YAML example is valid for its kind, and the sample error is what we print."""

import re
import shutil
from pathlib import Path

import pytest

from khcn.dataset import load_site_data
from khcn.errors import DataErrors
from khcn.models import Catalogue, LegalDocument, Organisation, Report
from khcn.validation import validate
from khcn.yamlsource import parse_yaml

README = Path(__file__).resolve().parent.parent / "README.md"
ROOT = README.parent


def _examples() -> dict[str, str]:
    """YAML blocks of README by the `### \\`data/…\\`` heading above them."""
    examples, heading = {}, None
    for block in re.split(r"(?m)^### ", README.read_text(encoding="utf-8"))[1:]:
        heading = block.split("`")[1]
        match = re.search(r"```yaml\n(.*?)```", block, re.DOTALL)
        if match:
            examples[heading] = match.group(1)
    return examples


@pytest.mark.parametrize("heading, model", [
    ("data/to-chuc.yaml", Organisation),
    ("data/van-ban.yaml", tuple[LegalDocument, ...]),
    ("data/chi-so.yaml", Catalogue),
    ("data/bao-cao/<đường-dẫn>.yaml", Report),
])
def test_each_example_is_valid(heading, model):
    doc = parse_yaml(_examples()[heading], heading)
    record, errors = validate(model, doc.data, doc)
    assert errors == [] and record is not None


def test_the_sample_error_is_the_real_message(tmp_path):
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    values = data / "so-lieu/2021-H1.yaml"
    values.write_text(values.read_text(encoding="utf-8").replace("taximet: 36", "taximet: 35"), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    sample = re.search(r"```text\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL).group(1)
    assert caught.value.report() + "\n" == sample
