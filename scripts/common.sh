# Shared by scripts/run and scripts/test: install what is missing, build the UI, pick the target dir.
# Sourced, not run.

# Debian packages the build, the app and the tests need (see docs/development.md).
DEBIAN_PACKAGES=(
  build-essential pkg-config libssl-dev curl file
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  xvfb webkit2gtk-driver imagemagick poppler-utils qpdf xdotool xclip fonts-noto-cjk fonts-morisawa-bizud-gothic
  squashfs-tools dbus-daemon
)

# Cargo's target directory lives outside the clone so that every step, and every later run on
# the same machine, shares one build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tabiji/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s (%s)\n' "$*" "$(date +%T)"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_debian_packages() {
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    step "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_toolchains() {
  command -v cargo >/dev/null || { echo "Rust is missing: install it from rustup (1.92 or newer)." >&2; exit 1; }
  command -v node >/dev/null || { echo "Node.js 20.19 or newer is missing." >&2; exit 1; }
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || { echo "Node.js $(node --version) is too old: 20.19 or newer is needed." >&2; exit 1; }
}

# Installs the UI's npm packages when package-lock.json changed, then builds ui/dist.
build_ui() {
  step "Building the UI"
  (
    cd ui
    local stamp=node_modules/.lock-hash
    local hash
    hash=$(sha256sum package-lock.json | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
      npm ci --no-audit --no-fund --loglevel=error
      echo "$hash" >"$stamp"
    fi
    npm run --silent build
  )
}
