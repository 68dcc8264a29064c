#!/usr/bin/env bash
# Installs what viz needs to build and test, and nothing when it is all there already.
#   build: libpng-dev, zlib1g-dev, libgif-dev (Debian packages)
#   tests: pngcheck, giflib-tools (gifbuild), Python Pillow, and Python safetensors + numpy: the
#          independent checkers and readers of the files we write (never used by viz itself)
#   --tests also: Debian's chromium and chromium-driver, Python pytest and selenium, for the browser
#          test of the gallery page (Tests/Browser); only then, as the browser is ~300 MB; and for the
#          recorder's tests (python/tests) PyTorch, scikit-learn (the digits example) and setuptools
#          (pip installs the recorder offline). PyPI's torch is the CUDA build, several GB: it is
#          installed once per machine, only when `import torch` fails.
# Idempotent and quiet: prints only what it installs.
set -euo pipefail
tests=false
if [ "${1:-}" = --tests ]; then tests=true; fi

debs=(libpng-dev zlib1g-dev libgif-dev pkg-config pngcheck giflib-tools)
if $tests; then debs+=(chromium chromium-driver); fi
missing=()
for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

missing_py=()
python3 -c 'import PIL' 2>/dev/null || missing_py+=(Pillow)
python3 -c 'import numpy' 2>/dev/null || missing_py+=(numpy)
python3 -c 'import safetensors' 2>/dev/null || missing_py+=(safetensors)
if $tests; then
    python3 -c 'import pytest' 2>/dev/null || missing_py+=(pytest)
    python3 -c 'import selenium' 2>/dev/null || missing_py+=(selenium)
    python3 -c 'import torch' 2>/dev/null || missing_py+=(torch)
    python3 -c 'import sklearn' 2>/dev/null || missing_py+=(scikit-learn)
    python3 -c 'import setuptools' 2>/dev/null || missing_py+=(setuptools)
fi
if ((${#missing_py[@]})); then
    echo "setup: pip installing ${missing_py[*]}" >&2
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check "${missing_py[@]}" >/dev/null
fi
