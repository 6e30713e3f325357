"""The environment is the lock: requirements.txt, resolved by `make lock` from requirements.in.

`make` installs requirements.txt with `--require-hashes` into a fresh venv. These tests check that
what runs the suite is exactly that lock (name and version of every distribution), and that the lock
still says what requirements.in pins, with hashes, from PyPI alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.markers import Marker

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.txt"
TOP_LEVEL = ROOT / "requirements.in"
# `name==version ; marker \` opens an entry of the lock; its `--hash=` lines follow.
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+?)(?: ; (?P<marker>.+?))?\s*\\?$")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(text: str) -> list[re.Match[str]]:
    return [m for line in text.splitlines() if (m := ENTRY.match(line))]


def locked_for_this_interpreter(text: str) -> dict[str, str]:
    """Name → version of the entries whose environment marker holds for the running interpreter."""
    return {
        normalized(m["name"]): m["version"]
        for m in lock_entries(text)
        if m["marker"] is None or Marker(m["marker"]).evaluate()
    }


def differences(installed: dict[str, str], locked: dict[str, str]) -> list[str]:
    found = [f"{n}=={v}: installed, not in the lock" for n, v in installed.items() if n not in locked]
    found += [f"{n}=={v}: in the lock, not installed" for n, v in locked.items() if n not in installed]
    found += [
        f"{n}: {installed[n]} installed, {v} locked"
        for n, v in locked.items()
        if n in installed and installed[n] != v
    ]
    return sorted(found)


def project_venv() -> Path | None:
    """The venv of this checkout that runs the tests (.venv, .venv-3.13, ...), or None."""
    prefix = Path(sys.prefix)
    in_a_venv = sys.prefix != sys.base_prefix
    if in_a_venv and prefix.name.startswith(".venv") and prefix.parent.resolve() == ROOT:
        return prefix
    return None


def test_the_running_venv_is_exactly_the_lock() -> None:
    venv = project_venv()
    if venv is None:
        pytest.skip(
            f"run by {sys.executable}, not from a venv of this checkout (.venv, .venv-X.Y) that `make` "
            "installed from the lock: its packages are not the lock's to check"
        )
    # `pip freeze` leaves out what `python -m venv` seeds outside the lock (pip; setuptools on 3.11).
    freeze = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    installed = {}
    for line in freeze.splitlines():
        name, sep, version = line.partition("==")
        assert sep, f"`pip freeze` in {venv}: {line!r} is not installed from an index (name==version)"
        installed[normalized(name)] = version
    found = differences(installed, locked_for_this_interpreter(LOCK.read_text()))
    assert not found, f"{venv} is not the lock (run `make` to reinstall it):\n" + "\n".join(found)


def test_every_top_level_pin_is_in_the_lock_at_its_version() -> None:
    locked = {normalized(m["name"]): m["version"] for m in lock_entries(LOCK.read_text())}
    found = []
    for line in TOP_LEVEL.read_text().splitlines():
        requirement = line.partition("#")[0].strip()
        if not requirement:
            continue
        name, sep, version = requirement.partition("==")
        assert sep, f"requirements.in: {requirement!r} is not pinned with =="
        if locked.get(normalized(name)) != version:
            found.append(f"{requirement}: the lock has {locked.get(normalized(name), 'nothing')}")
    assert not found, "requirements.txt is older than requirements.in: run `make lock`\n" + "\n".join(found)


def test_the_lock_is_universal_hashed_and_from_pypi_alone() -> None:
    text = LOCK.read_text()
    header = text.splitlines()[1]
    for option in ("--universal", "--generate-hashes", "--no-config"):
        assert option in header, f"requirements.txt was not made by `make lock`: no {option} in {header!r}"
    # Every entry carries hashes: split the lock into entries at each `name==version` line.
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    unhashed = [b.splitlines()[0] for b in blocks if ENTRY.match(b.splitlines()[0]) and "--hash=" not in b]
    assert not unhashed, f"entries without a hash: {unhashed}"
    # Nothing from this machine's pip configuration (find-links, local indexes, its constraints).
    for local in ("file:", "/opt/", "--find-links", "--extra-index-url", "--index-url", "torch"):
        assert local not in text, f"requirements.txt mentions {local!r}: resolved from more than PyPI"


@pytest.mark.parametrize(
    ("installed", "expected"),
    [
        ({"a": "1", "b": "2"}, []),
        ({"a": "1", "b": "3"}, ["b: 3 installed, 2 locked"]),
        ({"a": "1"}, ["b==2: in the lock, not installed"]),
        ({"a": "1", "b": "2", "c": "0"}, ["c==0: installed, not in the lock"]),
    ],
)
def test_a_difference_from_the_lock_is_named(installed: dict[str, str], expected: list[str]) -> None:
    assert differences(installed, {"a": "1", "b": "2"}) == expected


def test_markers_choose_the_entries_for_this_interpreter() -> None:
    text = (
        "numpy==1.0 ; python_full_version < '3.12' \\\n    --hash=sha256:aa\n"
        "numpy==2.0 ; python_full_version >= '3.12' \\\n    --hash=sha256:bb\n"
        "appnope==1.0 ; sys_platform == 'nonexistent' \\\n    --hash=sha256:cc\n"
        "tqdm==4.0 \\\n    --hash=sha256:dd\n"
    )
    expected = {"numpy": "1.0" if sys.version_info < (3, 12) else "2.0", "tqdm": "4.0"}
    assert locked_for_this_interpreter(text) == expected
