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

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js 20 or newer is needed (found $(node --version))." >&2
  exit 1
fi

# The local stack and the handler tests need moto's server (the AWS service emulator).
python_bin=${MOTO_PYTHON:-python3}
if ! "$python_bin" -c 'import moto.server' >/dev/null 2>&1; then
  echo "moto's server is missing for $python_bin; trying: $python_bin -m pip install 'moto[server]'" >&2
  if ! "$python_bin" -m pip install --quiet 'moto[server]'; then
    echo "Could not install moto. Install it yourself with: pip install 'moto[server]'" >&2
    exit 1
  fi
fi
# Hand the tests the interpreter's real path: version-manager shims (pyenv, asdf) need variables that
# turbo's strict environment mode does not pass on.
MOTO_PYTHON=$("$python_bin" -c 'import sys; print(sys.executable)')
export MOTO_PYTHON

if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install --frozen-lockfile --prefer-offline
fi

task=${1:-test}
shift || true
exec pnpm run "$task" "$@"
