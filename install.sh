#!/usr/bin/env bash
# Install report_builder and what it uses: LibreOffice (contents page numbers, PDFs) and poppler.
#   ./install.sh          the tool
#   ./install.sh --test   the tool and what the tests need
set -euo pipefail
cd "$(dirname "$0")"

need_system_packages() {
  ! command -v soffice >/dev/null 2>&1 \
    || ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1 \
    || ! command -v pdftoppm >/dev/null 2>&1
}

if need_system_packages; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
      libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation fonts-dejavu-core >/dev/null
  else
    echo "Note: install LibreOffice (with python3-uno) and poppler-utils for page numbers and PDFs." >&2
  fi
fi

extra=""
if [ "${1:-}" = "--test" ]; then extra="[test]"; fi
python3 -m pip install --quiet --disable-pip-version-check -e ".${extra}"
