"""Fixtures of the browser tests: the built viz, one tiny trained run, one headless Chromium."""
import os
import pathlib
import shutil
import subprocess

import pytest

import browser as chromium_driver

ROOT = pathlib.Path(__file__).resolve().parents[2]


def built(variable, default):
    path = pathlib.Path(os.environ.get(variable, default))
    if not path.is_absolute():
        path = ROOT / path
    if not path.exists():
        pytest.fail(f"{path} does not exist: build first (scripts/test.sh does), or set {variable}")
    return path


@pytest.fixture(scope="session")
def viz_bin():
    return built("VIZ_BIN", ".build/release/viz")


@pytest.fixture(scope="session")
def fixture_bin(viz_bin):
    """Tests/GalleryFixture, built beside viz."""
    return built("VIZ_GALLERY_FIXTURE", viz_bin.parent / "GalleryFixture")


@pytest.fixture(scope="session")
def run_dir(viz_bin, tmp_path_factory):
    """A tiny real run: two epochs of 90 images, every figure, and its index.html."""
    out = tmp_path_factory.mktemp("gallery") / "out"
    subprocess.run([str(viz_bin), "train-and-render", "--out", str(out), "--epochs", "2", "--train-samples", "90",
                    "--test-samples", "45", "--probes-per-class", "3", "--batch-size", "16"],
                   check=True, capture_output=True, timeout=300)
    return out


@pytest.fixture(scope="session")
def browser():
    driver = chromium_driver.chromium()
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """Where screenshots go: the test's temporary folder, and VIZ_SCREENSHOTS too when it names a folder."""
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    keep = os.environ.get("VIZ_SCREENSHOTS")
    if keep:
        pathlib.Path(keep).mkdir(parents=True, exist_ok=True)
        for png in folder.glob("*.png"):
            shutil.copy(png, keep)
