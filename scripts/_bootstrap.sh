# Sourced by scripts/test and scripts/examples: a virtualenv with the project and its
# dev extras (reinstalled when the packaging files change), and the base image.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${TESTRONAUT_VENV:-$ROOT/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.testronaut-installed"
want="$(cat setup.cfg pyproject.toml | sha256sum | cut -c1-16)"

# pip_install WHAT ARGS...: `pip install ARGS`, its output kept in a log. On success one
# line says how long it took, plus pip's own warnings and errors (a dependency conflict
# is reported with exit status 0). The build backend's indented chatter (setuptools'
# notice on every editable install of a flat layout) is left in the log. On failure the
# whole log is printed and the status is passed on, so `set -e` stops the caller.
pip_install() {
  local what="$1" log="$VENV/bootstrap-pip.log" start=$SECONDS status=0
  shift
  echo "bootstrap: installing $what into $VENV ..."
  "$VENV/bin/python" -m pip install --disable-pip-version-check "$@" >"$log" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    echo "bootstrap: installing $what failed (pip exit status $status); its output ($log):" >&2
    cat "$log" >&2
    return "$status"
  fi
  grep -E '^(WARNING|ERROR|DEPRECATION):' "$log" >&2 || true
  echo "bootstrap: installed $what in $((SECONDS - start)) s"
}

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  pip_install "the latest pip" -U pip
  pip_install "pytest-testronaut[dev] (editable)" -e ".[dev]"
  echo "$want" > "$stamp"
fi
bash "$ROOT/scripts/build-base-image.sh"
export PATH="$VENV/bin:$PATH"
