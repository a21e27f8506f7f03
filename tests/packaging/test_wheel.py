"""The wheel ships everything the app reads at run time, under the `selection` package, and
the installed app finds its templates: the suite's editable install would never notice."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Source folder -> where its files land in site-packages.
INSTALLED_AS = {"selection": "selection", "optimizer": "optimizer",
                "forms": "selection/forms", "templates": "selection/templates"}
TOP_LEVEL_NAMES = {"selection", "optimizer"}
PROJECT_FILES = ("pyproject.toml", "README.md")


def source_files() -> set[str]:
    """Every file of the shipped folders, by its path in the repository (in a git checkout,
    those tracked or about to be: files git ignores do not count)."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", *INSTALLED_AS], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [str(path.relative_to(ROOT)) for folder in INSTALLED_AS
                  for path in (ROOT / folder).rglob("*") if path.is_file()]
    return {name for name in listed
            if "__pycache__" not in name.split("/") and not name.endswith(".pyc") and (ROOT / name).exists()}


def installed_path(source: str) -> str:
    """Where a repository file is installed, e.g. templates/mail/x.txt -> selection/templates/mail/x.txt."""
    folder, _, rest = source.partition("/")
    return f"{INSTALLED_AS[folder]}/{rest}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The wheel built from a clean copy of the tracked sources (no stale build/ folder)."""
    tmp = tmp_path_factory.mktemp("wheel")
    tree = tmp / "src"
    for name in sorted(source_files()) + list(PROJECT_FILES):
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    out = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "--wheel-dir", str(out), str(tree)], check=True)
    (built,) = out.glob("selection-*.whl")
    yield built


def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}


def test_every_source_file_is_in_the_wheel_at_its_installed_path(wheel: Path) -> None:
    shipped = wheel_files(wheel)
    missing = sorted(source for source in source_files() if installed_path(source) not in shipped)
    assert not missing, f"not in the wheel (add them to package-data in pyproject.toml): {missing}"


def test_mail_templates_and_optimizer_examples_are_shipped(wheel: Path) -> None:
    shipped = wheel_files(wheel)
    assert "selection/templates/mail/sign_in_link.txt" in shipped
    assert "selection/forms/nomination.py" in shipped
    assert "optimizer/examples/panel.json" in shipped
    assert "selection/migrations/alembic.ini" in shipped


def test_the_wheel_adds_no_generic_top_level_names(wheel: Path) -> None:
    tops = {name.split("/", 1)[0] for name in wheel_files(wheel)}
    metadata = {top for top in tops if top.endswith(".dist-info")}
    assert tops - metadata == TOP_LEVEL_NAMES


def test_installed_app_finds_and_renders_the_mail_templates(wheel: Path, tmp_path: Path) -> None:
    """Installed into a folder of its own (no -e, no source tree on the path), the app renders
    the sign-in mail: the original defect was TemplateNotFound: mail/sign_in_link.txt."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(target), str(wheel)], check=True)
    script = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import selection\n"
        "from flask import render_template\n"
        "assert selection.__file__.startswith(sys.argv[1]), selection.__file__\n"
        "app = selection.create_app({'INSTANCE_PATH': sys.argv[2], 'SECRET_KEY': 'x'})\n"
        "assert app.template_folder.startswith(sys.argv[1]), app.template_folder\n"
        "with app.test_request_context():\n"
        "    text = render_template('mail/sign_in_link.txt', link='http://x/my/sign-in/abc', minutes=30)\n"
        "    assert 'http://x/my/sign-in/abc' in text, text\n"
        "    for name in app.jinja_loader.list_templates():\n"
        "        app.jinja_env.get_template(name)\n"
        "print(len(app.jinja_loader.list_templates()))\n"
    )
    # Isolated mode (-I) keeps the working folder and PYTHONPATH off sys.path, so the
    # repository's own packages and templates cannot stand in for the installed ones.
    env = {key: value for key, value in os.environ.items() if not key.startswith("SELECTION_")}
    result = subprocess.run([sys.executable, "-I", "-c", script, str(target), str(tmp_path / "instance")],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len([name for name in source_files() if name.startswith("templates/")])
