#!/usr/bin/env bash
# Installs what the project needs and nothing that is already there: Debian packages, uv, the
# Python environment, the npm packages and the collected static files. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  postgresql chromium
  fontconfig fonts-dejavu-core fonts-liberation2
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  poppler-utils wrk gettext
  nodejs npm python3-pip
)

missing=()
if command -v dpkg-query >/dev/null; then
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # nodejs/npm may come from elsewhere (nodesource, nvm): a working npm is enough.
  if command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
    read -r -a missing <<<"${missing[*]}"
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installerer Debian-pakker: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v uv >/dev/null; then
  echo "Installerer uv fra PyPI"
  # As an ordinary user into ~/.local (the Makefile puts its bin on PATH); Debian's Python
  # refuses plain `pip install` (PEP 668), and uv lives happily outside any project venv.
  user=""
  [ "$(id -u)" -eq 0 ] || user=--user
  python3 -m pip install $user --quiet uv 2>/dev/null \
    || python3 -m pip install $user --quiet --break-system-packages uv
  export PATH="$HOME/.local/bin:$PATH"
fi

uv sync --frozen --quiet

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

uv run --frozen kredsraad collectstatic --noinput --verbosity 0
uv run --frozen kredsraad compilemessages --ignore=.venv --ignore=node_modules --verbosity 0
