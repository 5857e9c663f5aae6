# Shared set-up for scripts/run-app and scripts/run-tests; source it from the repository root.
#
# Debian 12/13 with only Python 3 is enough: as root, missing system packages are installed
# with apt-get; as another user, the scripts say what to install and stop.

VENV_DIR=".venv"
VENV_PY="$VENV_DIR/bin/python"
INSTALL_SPEC=".[dev,postgres]"
INSTALL_STAMP="$VENV_DIR/.ordinavo-desk-install"

# Libraries Qt needs for the offscreen platform (tests, screenshots, reports).
QT_OFFSCREEN_PACKAGES=(
    libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 "libglib2.0-0t64|libglib2.0-0"
    libxkbcommon0 fonts-dejavu-core
)
# What the xcb and wayland platform plugins of PySide6 load on a real desktop.
QT_DESKTOP_PACKAGES=(
    libxcb1 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
    libxcb-xkb1 libxkbcommon-x11-0 libwayland-client0 libwayland-cursor0 libwayland-egl1
)

say() { printf '%s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}
is_root() { [ "$(id -u)" -eq 0 ]; }

# Seconds since the epoch with microseconds (bash 5), for the timing summaries.
now() { printf '%s' "${EPOCHREALTIME:-$(date +%s)}"; }
elapsed_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

_apt_updated=0
apt_update_once() {
    if [ "$_apt_updated" -eq 0 ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null
        _apt_updated=1
    fi
}

pkg_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

# True when apt knows an installable version of the package (not only a virtual name).
pkg_has_candidate() {
    local candidate
    candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }')
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

# ensure_packages PKG... : install what is missing. "a|b" means either name (Debian 13
# renamed some libraries with a t64 suffix); the first one apt can install is used.
# Without root, names what is missing and carries on (the libraries may come from elsewhere).
ensure_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local spec name names found choice missing=()
    for spec in "$@"; do
        found=0
        IFS='|' read -r -a names <<<"$spec"
        for name in "${names[@]}"; do
            if pkg_installed "$name"; then
                found=1
                break
            fi
        done
        [ "$found" -eq 1 ] || missing+=("$spec")
    done
    [ "${#missing[@]}" -gt 0 ] || return 0

    if ! is_root; then
        say "warning: missing system packages (install as root): ${missing[*]//|/ or }"
        return 0
    fi
    apt_update_once
    local to_install=()
    for spec in "${missing[@]}"; do
        IFS='|' read -r -a names <<<"$spec"
        choice=""
        for name in "${names[@]}"; do
            if pkg_has_candidate "$name"; then
                choice="$name"
                break
            fi
        done
        [ -n "$choice" ] || die "no installable package among: ${spec//|/ }"
        to_install+=("$choice")
    done
    say "apt-get install ${to_install[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${to_install[@]}" </dev/null >/dev/null
}

_venv_usable() {
    [ -x "$VENV_PY" ] && "$VENV_PY" -m pip --version >/dev/null 2>&1
}

_can_make_venv() {
    python3 -c 'import ensurepip, venv' >/dev/null 2>&1
}

# Create or reuse .venv and install the project (editable) when pyproject.toml changed.
ensure_venv() {
    command -v python3 >/dev/null 2>&1 || die "python3 not found; install it first (apt-get install python3)"
    if ! _venv_usable; then
        if ! _can_make_venv; then
            if is_root && command -v apt-get >/dev/null 2>&1; then
                apt_update_once
                say "apt-get install python3-venv"
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                    python3-venv </dev/null >/dev/null
            else
                say "python3 cannot create virtual environments: install python3-venv (sudo apt-get install python3-venv)"
                exit 1
            fi
        fi
        [ -e "$VENV_DIR" ] && rm -rf "$VENV_DIR"
        say "creating $VENV_DIR with $(python3 --version 2>&1)"
        python3 -m venv "$VENV_DIR" || die "python3 -m venv $VENV_DIR failed"
        _venv_usable || die "$VENV_DIR has no working pip; install python3-venv"
    fi

    local stamp
    stamp="$(
        {
            cat pyproject.toml
            printf '%s\n' "$INSTALL_SPEC"
            "$VENV_PY" -c 'import sys; print(sys.version)'
        } | sha256sum | cut -d' ' -f1
    )"
    if [ -f "$INSTALL_STAMP" ] && [ "$(cat "$INSTALL_STAMP")" = "$stamp" ] &&
        [ -x "$VENV_DIR/bin/ordinavo-desk" ]; then
        return 0
    fi
    say "pip install -e '$INSTALL_SPEC' (quiet; takes a minute the first time)"
    rm -f "$INSTALL_STAMP"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV_PY" -m pip install -q -e "$INSTALL_SPEC" ||
        die "pip install failed"
    printf '%s\n' "$stamp" >"$INSTALL_STAMP"
}

activate_venv() {
    export VIRTUAL_ENV="$PWD/$VENV_DIR"
    export PATH="$VIRTUAL_ENV/bin:$PATH"
    unset PYTHONHOME
}
