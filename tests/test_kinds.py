"""The registry of data kinds: one list of the files under data/, read by the loader, the schemas and the scripts."""

import subprocess
import sys

from conftest import ROOT
from khcn.data.kinds import BULLETINS, CATALOGUE, KINDS, REPORTS, SINGLE_FILES, VALUES
from khcn.data.schemas import KINDS as SCHEMA_KINDS


def test_every_kind_has_one_name_and_one_place():
    assert len({kind.name for kind in KINDS}) == len({kind.files for kind in KINDS}) == len(KINDS)
    assert SCHEMA_KINDS is KINDS


def test_folders_and_single_files():
    assert (VALUES.folder, REPORTS.folder, BULLETINS.folder) == ("so-lieu", "bao-cao", "tin-tuc")
    assert CATALOGUE.files in SINGLE_FILES and VALUES.files not in SINGLE_FILES


def test_naming_a_file_loads_no_pandas():
    """Scripts that only name a data file start fast: the registry does not load pandas."""
    code = "import sys, khcn.data.kinds; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "hooks")})
    assert out.stdout.strip() == "False"
