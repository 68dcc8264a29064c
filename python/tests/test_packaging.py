"""`pip install ./python` builds and installs the distribution viz-record, importable as viz_record.

The build runs on a copy of python/ (setuptools writes build/ and *.egg-info next to the sources)
and without build isolation, so the test needs no network: the system's setuptools builds it.
"""

import os
import shutil
import subprocess
import sys

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_pip_install_no_deps_target_installs_an_importable_package(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(PYTHON_DIR, source, ignore=shutil.ignore_patterns(
        "__pycache__", "build", "*.egg-info", ".pytest_cache", "tests", "benchmarks"))
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "--no-cache-dir", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, PIP_ROOT_USER_ACTION="ignore"))
    assert install.returncode == 0, install.stderr
    assert sorted(name for name in os.listdir(target) if not name.startswith("__")) == [
        "viz_record", "viz_record-0.2.0.dist-info"]
    check = subprocess.run(
        [sys.executable, "-c", "import viz_record; print(viz_record.__file__); print(viz_record.__version__);"
                               "print(viz_record.Recorder.__name__)"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(target)))
    assert check.returncode == 0, check.stderr
    path, version, name = check.stdout.split()
    assert path.startswith(str(target)) and version == "0.2.0" and name == "Recorder"
    with open(target / "viz_record-0.2.0.dist-info" / "METADATA") as file:
        metadata = file.read()
    assert "Name: viz-record" in metadata
    assert sorted(line.split(": ")[1] for line in metadata.splitlines() if line.startswith("Requires-Dist")) == \
        ["numpy", "safetensors", "torch"]
