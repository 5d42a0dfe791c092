"""The editors' commands without `make`, for a computer that has Python but no make (Windows, issue 13):

    python scripts/lenh.py build                      (= make build)
    python scripts/lenh.py serve                      (= make serve: xem trước ở http://127.0.0.1:8000)
    python scripts/lenh.py validate                   (= make validate)
    python scripts/lenh.py bulletin "Hội thảo …"      (= make bulletin TITLE="Hội thảo …")
    python scripts/lenh.py report 2022-H1             (= make report KY=2022-H1)

On Windows `py scripts\\lenh.py …`. The first run makes .venv with the Python that runs this file (3.11 or newer) and
installs requirements.txt into it, again whenever requirements.txt changes, as `make` does. Needs no rights beyond the
project folder: Python from python.org installs for one user without an administrator.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MINIMUM = (3, 11)
PYTHON_MISSING = ("Cần Python {need} trở lên, máy đang chạy Python {have}. Cài Python mới hơn từ python.org "
                  "(xem HUONG-DAN.md, mục 1) rồi chạy lại bằng Python đó.")

# command -> (what it does, for --help; the script or module run with the arguments that follow, and their names)
COMMANDS = {
    "build": ("xây dựng trang web vào site/", ["scripts/build_site.py"], ()),
    "serve": ("xem trước ở http://127.0.0.1:8000", ["scripts/serve.py"], ()),
    "validate": ("kiểm tra data/", ["scripts/validate.py"], ()),
    "bulletin": ("bắt đầu một bản tin: bulletin \"Tiêu đề\"", ["scripts/new_bulletin.py"], ("--title",)),
    "report": ("bắt đầu báo cáo của một kỳ: report 2022-H1", ["scripts/new_report.py"], ("--period",)),
}


def venv_python(venv: Path = VENV) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def command_line(name: str, args: list[str], python: Path) -> list[str]:
    """What runs for `lenh.py name args…`: the positional values take the script's options, in order."""
    _, target, options = COMMANDS[name]
    named = [part for option, value in zip(options, args) for part in (option, value)]
    rest = args[len(options):] if len(args) > len(options) else []
    target = [str(ROOT / part) if part.endswith(".py") else part for part in target]
    return [str(python), *target, *named, *rest]


def ensure_venv(venv: Path = VENV) -> Path:
    """The project's .venv with requirements.txt installed, made by this Python the first time."""
    python = venv_python(venv)
    requirements = ROOT / "requirements.txt"
    stamp = venv / f".installed-py-{hashlib.sha256(requirements.read_bytes()).hexdigest()[:16]}"
    if not python.exists():
        print("Lần đầu: tạo .venv và cài các gói (vài phút)…", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if not stamp.exists() and not os.environ.get("KHCN_NO_INSTALL"):  # KHCN_NO_INSTALL: the tests' shared .venv
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r",
                        str(requirements)], check=True)
        for old in venv.glob(".installed-py-*"):
            old.unlink()
        stamp.touch()
    return python


def usage() -> str:
    lines = ["Cách dùng: python scripts/lenh.py LỆNH [giá trị]", "Các lệnh:"]
    lines += [f"  {name:<9} {text}" for name, (text, _, _) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if sys.version_info < MINIMUM:
        print(PYTHON_MISSING.format(need=".".join(map(str, MINIMUM)), have=sys.version.split()[0]), file=sys.stderr)
        return 1
    if not argv or argv[0] not in COMMANDS:
        if argv and argv[0] not in ("-h", "--help"):
            print(f"Không có lệnh `{argv[0]}`.", file=sys.stderr)
        print(usage(), file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    try:
        python = ensure_venv()
    except subprocess.CalledProcessError as exc:
        print(f"Không cài được các gói (lệnh {exc.cmd[0]} dừng với mã {exc.returncode}): kiểm tra mạng rồi chạy lại.",
              file=sys.stderr)
        return 1
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
    return subprocess.run(command_line(argv[0], argv[1:], python), cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
