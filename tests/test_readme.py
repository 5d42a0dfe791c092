"""The documents by reader (README.md for developers, HUONG-DAN.md and DU-LIEU.md for editors, PUBLISHING.md,
DEVELOPING.md, BENCHMARKS.md) hold together: README opens with the commands, which exist, and every link between the
documents, or to a file of the project, leads somewhere."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

DOCUMENTS = ["README.md", "HUONG-DAN.md", "DU-LIEU.md", "PUBLISHING.md", "DEVELOPING.md", "BENCHMARKS.md"]
_LINK = re.compile(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)")


def _headings(text: str) -> set[str]:
    """GitHub's anchors of a Markdown file's headings."""
    anchors = set()
    for title in re.findall(r"^#+ (.*)$", text, re.MULTILINE):
        anchors.add(re.sub(r"[^\w\- ]", "", title.replace("`", "").lower()).replace(" ", "-"))
    return anchors


def test_readme_opens_with_the_commands_and_they_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first, second = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)[:2]
    assert re.findall(r"^make (\w+)", first, re.MULTILINE) == ["build", "test"]
    assert re.findall(r"^make ([\w-]+)", second, re.MULTILINE)[:2] == ["serve", "lint"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for targets in re.findall(r"^make ((?:[a-z-]+ ?)+)", first + second, re.MULTILINE):  # targets, not VARIABLES
        for name in targets.split():
            assert re.search(rf"^{re.escape(name)}:", makefile, re.MULTILINE), f"no `make {name}`"


def test_readme_points_every_reader_to_their_document():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for document in DOCUMENTS[1:]:
        assert f"]({document})" in readme, document
    assert "](DU-LIEU.md)" in (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_link_leads_somewhere(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    for target, anchor in _LINK.findall(text):
        if target.startswith(("http:", "https:")):
            continue
        path = ROOT / (target or document)
        assert path.exists(), f"{document} links to {target}, which does not exist"
        if anchor and path.suffix == ".md":
            headings = _headings(path.read_text(encoding="utf-8"))
            assert anchor in headings, f"{document}: no heading #{anchor} in {path.name}"
