#!/usr/bin/env bash
# Install report_builder into its own virtual environment, .venv/ in this folder, and what it uses:
# LibreOffice with its Python bridge (contents page numbers, PDFs) and the fonts of the templates.
#
#   ./install.sh          the tool; then: .venv/bin/report-builder build content/example
#   ./install.sh --test   also what the tests need; then: .venv/bin/python -m pytest
#
# The Python used is $PYTHON if set, else python3 (3.11 or newer; Debian's and Ubuntu's own will do).
# System packages are installed with apt-get when run as root on Debian or Ubuntu; otherwise the
# missing ones are listed with the command that installs them. Running it again is quick: it
# installs only what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")"

VENV=".venv"
STAMP="$VENV/.report_builder-installed"
MINIMUM_PYTHON="3.11"

# What the tool uses, as "Debian package|a command that succeeds when it is there".
TOOL_NEEDS=(
  "libreoffice-writer-nogui|command -v soffice"
  "python3-uno|/usr/bin/python3 -c 'import uno'"
  "fonts-liberation|fc-list 2>/dev/null | grep -q 'Liberation Sans'"
  "fonts-crosextra-carlito|fc-list 2>/dev/null | grep -q Carlito"
)
# What the tests need besides (./install.sh --test). Add each new need here, in the same form.
TEST_NEEDS=(
  "poppler-utils|command -v pdftotext && command -v pdftoppm"
  "chromium|command -v chromium"
)

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
}

test_extras=false
for argument in "$@"; do
  case "$argument" in
    --test) test_extras=true ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$argument' (use --test, or nothing)" ;;
  esac
done

# --- Python: 3.11 or newer, with venv -------------------------------------------------------------

python="${PYTHON:-python3}"
command -v "$python" >/dev/null 2>&1 || fail "no '$python' found. Install Python $MINIMUM_PYTHON or newer \
(Debian/Ubuntu: sudo apt-get install python3 python3-venv; Windows and macOS: see the README), then run ./install.sh again."
version="$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)" \
  || fail "'$python' did not run. Set PYTHON to a working Python $MINIMUM_PYTHON or newer: PYTHON=python3.12 ./install.sh"
major="${version%%.*}"; minor="${version#*.}"; minor="${minor%%.*}"
if [ "$major" -lt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -lt 11 ]; }; then
  fail "report_builder needs Python $MINIMUM_PYTHON or newer, and $python is Python $version.
  Install a newer one: Debian 12 and Ubuntu 24.04 have it (sudo apt-get install python3 python3-venv);
  on Ubuntu 22.04: sudo apt-get install python3.11 python3.11-venv; anywhere else: https://www.python.org/downloads/
  Then run: PYTHON=python3.11 ./install.sh"
fi

can_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; }

apt_install() {
  say "Installing with apt-get: $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  venv_package="python3-venv"
  apt-cache show "python$major.$minor-venv" >/dev/null 2>&1 && venv_package="python$major.$minor-venv"
  if can_apt; then
    apt_install "$venv_package"
  else
    fail "$python ($version) cannot make a virtual environment: install its venv module
  (Debian/Ubuntu: sudo apt-get install $venv_package), then run ./install.sh again."
  fi
fi

# --- System packages: LibreOffice, its Python bridge, fonts (and what the tests need) ------------

missing=()
needs=("${TOOL_NEEDS[@]}")
if $test_extras; then needs+=("${TEST_NEEDS[@]}"); fi
for need in "${needs[@]}"; do
  package="${need%%|*}"; check="${need#*|}"
  bash -c "$check" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if can_apt; then
    apt_install "${missing[@]}"
  elif command -v apt-get >/dev/null 2>&1; then
    say "Not installed (builds still work, without contents page numbers or PDFs); to install them:"
    say "  sudo apt-get install --no-install-recommends ${missing[*]}"
  else
    say "Not Debian or Ubuntu: install LibreOffice as the README says for this system."
  fi
fi

# --- The virtual environment and report_builder in it --------------------------------------------

# An environment made before is kept while it runs a Python new enough (rm -rf .venv to change Python).
if [ -e "$VENV" ] && ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
  say "Making $VENV again: the one here does not run, or its Python is older than $MINIMUM_PYTHON"
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  say "Making the virtual environment $VENV with $python ($version)"
  "$python" -m venv "$VENV"
fi

extras=""
if $test_extras; then extras="[test]"; fi
previous="$(cat "$STAMP" 2>/dev/null || true)"
case "$previous" in *"[test]") extras="[test]" ;; esac  # the test tools, once installed, are kept
fingerprint="$("$VENV/bin/python" -c 'import hashlib, sys
print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest(), sys.version.split()[0])')"
if [ "$previous" = "$fingerprint $extras" ] && [ -x "$VENV/bin/report-builder" ]; then
  say "report_builder$extras is installed in $VENV and up to date."
else
  say "Installing report_builder$extras into $VENV (a minute or two the first time)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".$extras"
  printf '%s %s\n' "$fingerprint" "$extras" > "$STAMP"
fi
"$VENV/bin/report-builder" --version >/dev/null || fail "report-builder does not start; run ./install.sh again"
if [ "${#missing[@]}" -gt 0 ] && ! can_apt; then
  "$VENV/bin/report-builder" doctor || true
fi
say "Ready: .venv/bin/report-builder build content/example (report-builder doctor checks what it uses)"
