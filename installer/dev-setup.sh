#!/usr/bin/env bash
# Prepare a development checkout: .venv with the project installed editable (extras desktop,
# server, dev and package: the office application and the server side by side), compiled
# translations, and the Debian libraries Qt needs.
#
#   bash installer/dev-setup.sh           Qt libraries for tests (offscreen) and lrelease
#   bash installer/dev-setup.sh --gui     also those for a real window (Qt's xcb plugin)
#   bash installer/dev-setup.sh --no-apt  never touch system packages
#
# Idempotent and quick on a second run: pip runs only when pyproject.toml has changed since the
# last successful install (stamp .venv/.installed-<sha256 of pyproject.toml>), apt only when a
# library is missing. Needs python3 >= 3.11; system packages need root on Debian or Ubuntu.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Qt's offscreen platform (tests, CI) and lrelease load these: QtCore needs GLib, QtGui
# needs EGL/GL, fontconfig, xkbcommon and D-Bus; DejaVu gives offscreen text real glyphs.
# "a|b": alternative names (Debian 13 renamed GLib's package in the 64-bit time_t move).
QT_BASE_PACKAGES=(
    "libglib2.0-0t64|libglib2.0-0" libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3
    fonts-dejavu-core
)
# Qt's xcb platform plugin (a real window on X11 or XWayland).
QT_XCB_PACKAGES=(
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
    libxcb-xinerama0 libxcb-render-util0 libxcb-image0
)

gui=0
apt=1
for argument in "$@"; do
    case "$argument" in
        --gui) gui=1 ;;
        --no-apt) apt=0 ;;
        -h | --help)
            sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "dev-setup: unknown option $argument (try --help)" >&2
            exit 2
            ;;
    esac
done

say() { echo "dev-setup: $*"; }

installed() {
    local name
    for name in ${1//|/ }; do
        if dpkg-query -W -f='${db:Status-Status}' "$name" 2>/dev/null | grep -qx installed; then
            return 0
        fi
    done
    return 1
}

# The first alternative that the package lists know (call after apt-get update).
installable_name() {
    local name
    for name in ${1//|/ }; do
        if [[ -n "$(apt-cache policy "$name" 2>/dev/null | grep -m1 'Candidate:' | grep -v '(none)')" ]]; then
            echo "$name"
            return 0
        fi
    done
    echo "${1%%|*}"
}

ensure_debian_packages() {
    local wanted=("$@") missing=() package
    if [[ "$apt" == 0 ]]; then
        return 0
    fi
    if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
        say "not a Debian-like system: make sure Qt's runtime libraries are installed"
        return 0
    fi
    for package in "${wanted[@]}"; do
        installed "$package" || missing+=("$package")
    done
    if [[ ${#missing[@]} == 0 ]]; then
        say "system libraries for Qt: present"
        return 0
    fi
    local names=()
    if [[ "$(id -u)" != 0 ]]; then
        for package in "${missing[@]}"; do
            names+=("$(installable_name "$package")")
        done
        say "skipping missing system libraries (not root); install them with:"
        say "  sudo apt-get install ${names[*]}"
        return 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    for package in "${missing[@]}"; do
        names+=("$(installable_name "$package")")
    done
    say "installing system libraries: ${names[*]}"
    apt-get install -y -qq --no-install-recommends "${names[@]}" </dev/null >/dev/null
}

ensure_python() {
    if ! command -v python3 >/dev/null; then
        echo "dev-setup: python3 not found; install Python 3.11 or newer" >&2
        exit 1
    fi
    if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "dev-setup: Python 3.11 or newer is needed, found $(python3 --version 2>&1)" >&2
        exit 1
    fi
    # Debian splits venv (and its ensurepip) out of python3.
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        local version
        version="$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        if [[ "$apt" == 1 && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
            say "installing python${version}-venv"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq </dev/null
            apt-get install -y -qq --no-install-recommends "python${version}-venv" </dev/null >/dev/null
        else
            echo "dev-setup: Python's venv module is missing: apt-get install python${version}-venv" >&2
            exit 1
        fi
    fi
}

ensure_venv() {
    if [[ -x .venv/bin/python ]] && .venv/bin/python -c 'import sys' 2>/dev/null; then
        return 0
    fi
    say "creating .venv"
    python3 -m venv --clear .venv
}

ensure_project_installed() {
    local digest stamp
    digest="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    stamp=".venv/.installed-${digest}"
    if [[ -f "$stamp" && -x .venv/bin/trama ]]; then
        say "project already installed in .venv (pyproject.toml unchanged)"
        return 0
    fi
    export PIP_DISABLE_PIP_VERSION_CHECK=1
    # -qq: errors only (warnings about this machine's pip configuration are noise here).
    say "upgrading pip"
    .venv/bin/python -m pip install -qq --upgrade pip
    say "installing the project with extras desktop,server,dev,package (a while the first time)"
    .venv/bin/python -m pip install -qq -e '.[desktop,server,dev,package]'
    rm -f .venv/.installed-*
    touch "$stamp"
}

compile_translations() {
    if [[ -f desktop/ui/i18n.py ]]; then
        say "compiling translations"
        .venv/bin/python -m desktop.ui.i18n
    fi
}

packages=("${QT_BASE_PACKAGES[@]}")
if [[ "$gui" == 1 ]]; then
    packages+=("${QT_XCB_PACKAGES[@]}")
fi

ensure_python
ensure_debian_packages "${packages[@]}"
ensure_venv
ensure_project_installed
compile_translations
say "ready (.venv/bin/trama, .venv/bin/pytest)"
