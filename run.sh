#!/usr/bin/env bash
# The project's two entry points on a fresh machine:
#   bash run.sh demo   # start the local stack and run example orders through it (the main job)
#   bash run.sh test   # install, build and run every package's tests
# Any other argument is passed to `pnpm` (e.g. `bash run.sh dev`, `bash run.sh bench`).
set -euo pipefail
cd "$(dirname "$0")"

PNPM_VERSION=10.34.9
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1

# turbo runs package scripts through `pnpm`, so pnpm must be on PATH. Corepack is not usable on every
# machine; a shim that runs the pinned pnpm through npx is.
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  shim_dir="$PWD/node_modules/.bin-shim"
  mkdir -p "$shim_dir"
  printf '#!/usr/bin/env bash\nexec npx --yes pnpm@%s "$@"\n' "$PNPM_VERSION" >"$shim_dir/pnpm"
  chmod +x "$shim_dir/pnpm"
  export PATH="$shim_dir:$PATH"
fi

# Node.js 20 or newer (20, 22 and 24 are tested); its version is part of every cache key (turbo.json).
NODE_VERSION=$(node --version)
node_major=${NODE_VERSION#v}
node_major=${node_major%%.*}
if [ "$node_major" -lt 20 ]; then
  echo "Node.js 20 or newer is needed (found $NODE_VERSION)." >&2
  exit 1
fi
export NODE_VERSION

# The local stack and the handler tests need moto's server (the AWS service emulator). Use the given
# Python if it has moto, else a project venv that has it, else install it: into that Python, or (where the
# system Python is "externally managed", as on Debian 12) into a venv of the project's own.
python_bin=${MOTO_PYTHON:-python3}
venv_dir="$PWD/.venv-moto"
has_moto() { "$1" -c 'import moto.server' >/dev/null 2>&1; }
if ! has_moto "$python_bin"; then
  if has_moto "$venv_dir/bin/python"; then
    python_bin="$venv_dir/bin/python"
  else
    echo "moto's server is missing for $python_bin; installing 'moto[server]'" >&2
    if ! "$python_bin" -m pip install --quiet 'moto[server]' 2>/dev/null; then
      echo "pip refused to install into $python_bin; trying a venv in $venv_dir" >&2
      if ! { "$python_bin" -m venv "$venv_dir" && "$venv_dir/bin/python" -m pip install --quiet 'moto[server]'; }; then
        echo "Could not install moto. Install it yourself with: pip install 'moto[server]'" >&2
        echo "(in a venv, or with pipx; on Debian/Ubuntu the venv module is: apt-get install python3-venv)," >&2
        echo "then point MOTO_PYTHON at that Python." >&2
        exit 1
      fi
      python_bin="$venv_dir/bin/python"
    fi
  fi
fi
# Hand the tests the interpreter's real path: version-manager shims (pyenv, asdf) need variables that
# turbo's strict environment mode does not pass on. Its moto version goes into the tests' cache keys.
{ read -r MOTO_PYTHON; read -r MOTO_VERSION; } < <("$python_bin" -c \
  'import sys, importlib.metadata as m; print(sys.executable); print(m.version("moto"))')
export MOTO_PYTHON MOTO_VERSION

# The asl-engine tests read files beside the clone (../shared: the conformance corpus, the seed workflow),
# outside the repository, where turbo hashes nothing: their hash goes into those tests' cache key.
sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi; }
shared_dirs=()
for dir in shared/conformance shared/seed; do [ ! -d "../$dir" ] || shared_dirs+=("$dir"); done
SHARED_FILES_HASH=absent
if [ "${#shared_dirs[@]}" -gt 0 ]; then
  SHARED_FILES_HASH=$(cd .. && find "${shared_dirs[@]}" -type f | LC_ALL=C sort |
    while IFS= read -r file; do printf '%s %s\n' "$file" "$(sha256 <"$file")"; done | sha256 | cut -c1-16)
fi
export SHARED_FILES_HASH

if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install --frozen-lockfile --prefer-offline
fi

task=${1:-test}
shift || true
if [ "$task" = test ] && [ -n "${E2E_STACK:-}${E2E_OUTPUTS:-}" ]; then
  echo "note: the cached test run always starts its own local stack for e2e; against E2E_STACK/E2E_OUTPUTS" >&2
  echo "      run: bash run.sh test:e2e-remote (never cached)" >&2
fi
exec pnpm run "$task" "$@"
