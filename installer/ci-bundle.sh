#!/usr/bin/env bash
# CI (issue 7): build the Linux bundle with the documented command and run its self-test with
# an empty HOME and a minimal PATH (installer/build.py does both, then packs the .tar.gz into
# dist/). Run it before tests/run.sh: tests/test_packaging.py then checks the built bundle too.
#
#   bash installer/ci-bundle.sh
#
# Needs the checkout's .venv (set up here by installer/dev-setup.sh) and these Debian packages,
# installed here when missing and running as root: binutils (PyInstaller strips the libraries),
# dbus and gnome-keyring (the self-test's keyring round trip needs a Secret Service), wixl and
# msitools (tests/test_packaging.py compiles the WiX source and reads the MSI back).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash installer/dev-setup.sh

needed=()
command -v strip >/dev/null || needed+=(binutils)
command -v dbus-run-session >/dev/null || needed+=(dbus)
command -v gnome-keyring-daemon >/dev/null || needed+=(gnome-keyring)
command -v wixl >/dev/null || needed+=(wixl)
command -v msiinfo >/dev/null || needed+=(msitools)
if [[ ${#needed[@]} -gt 0 ]]; then
    if [[ "$(id -u)" != 0 ]]; then
        echo "ci-bundle: missing ${needed[*]}: sudo apt-get install ${needed[*]}" >&2
        exit 1
    fi
    echo "ci-bundle: installing ${needed[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    apt-get install -y -qq --no-install-recommends "${needed[@]}" </dev/null >/dev/null
fi

.venv/bin/python installer/build.py
