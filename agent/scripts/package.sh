#!/usr/bin/env bash
# Packages naap-agent into a self-contained tarball for install.sh --from:
#
#   naap-agent-<version>/
#     bin/ dist/ package.json   the compiled agent
#     node_modules/             its production dependencies (pnpm deploy), workspace packages included
#     install.sh                the installer
#     packaging/                systemd unit, agent.env and launcher templates
#     VERSION                   the version, one line
#     SHA256SUMS                sha256 of every other file (install.sh verifies it)
#
# written to <out>/naap-agent-<version>.tar.gz, with <out>/naap-agent-<version>.tar.gz.sha256
# beside it. Node.js is not bundled: it is a prerequisite of the host (>= 20.19).
# Dependencies come from the pnpm store (--offline: from the store only, no network).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: agent/scripts/package.sh [options]

Builds naap-agent-<version>.tar.gz, the offline package that install.sh --from installs.

Options:
  --out DIR        where to write the tarball (default: <repo>/dist)
  --version V      package version (default: "version" of agent/package.json)
  --dist DIR       compiled agent to package (default: agent/dist; must hold main.js)
  --bin DIR        agent entry points to package (default: agent/bin; must hold naap-agent.js)
  --build          run `pnpm --filter @naap/agent... build` first (agent and the workspace
                   packages it depends on)
  --offline        take dependencies from the pnpm store only (no network at all)
  --no-deps        leave node_modules out (tests of the installer only: such a package
                   cannot run the real agent)
  -h, --help       this help

Needs: Linux with GNU tar and sha256sum, Node.js, pnpm 10 and an installed workspace
(`pnpm install`), since dependencies are copied from the pnpm store.
EOF
}

die() {
  echo "package.sh: $*" >&2
  exit 1
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
agent_dir=$(dirname "$script_dir")
repo=$(dirname "$agent_dir")

out="$repo/dist"
version=""
dist="$agent_dir/dist"
bin="$agent_dir/bin"
build=0
offline=0
deps=1

while (($#)); do
  case $1 in
    --out | --version | --dist | --bin)
      (($# >= 2)) || die "$1 needs a value (see --help)"
      case $1 in
        --out) out=$2 ;;
        --version) version=$2 ;;
        --dist) dist=$2 ;;
        --bin) bin=$2 ;;
      esac
      shift 2
      ;;
    --build) build=1 && shift ;;
    --offline) offline=1 && shift ;;
    --no-deps) deps=0 && shift ;;
    -h | --help) usage && exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

for tool in node tar gzip sha256sum find sort xargs realpath; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required but was not found on PATH"
done
tar --version 2>/dev/null | grep -q 'GNU tar' || die "GNU tar is required (found: $(tar --version 2>&1 | head -n 1))"
if ((deps)); then
  command -v pnpm >/dev/null 2>&1 || die "pnpm is required but was not found on PATH: npm i -g pnpm@10"
  pnpm_version=$(pnpm --version)
  [[ $pnpm_version == 10.* ]] || die "pnpm 10 is required (found $pnpm_version): npm i -g pnpm@10"
fi

if [[ -z $version ]]; then
  version=$(node -p 'require(process.argv[1]).version' "$agent_dir/package.json")
fi
[[ $version =~ ^[0-9A-Za-z][0-9A-Za-z.+_-]*$ ]] || die "invalid version: '$version'"

if ((build)); then
  echo "==> building @naap/agent and its workspace dependencies"
  pnpm -C "$repo" --filter '@naap/agent...' run build
fi

[[ -f $dist/main.js ]] || die "no compiled agent: $dist/main.js is missing; run \`pnpm build\` (or package.sh --build), or pass --dist DIR"
[[ -f $bin/naap-agent.js ]] || die "no agent entry point: $bin/naap-agent.js is missing (or pass --bin DIR)"
dist=$(cd "$dist" && pwd -P)
bin=$(cd "$bin" && pwd -P)

for f in "$repo/install.sh" "$agent_dir/packaging/naap-agent.service" \
  "$agent_dir/packaging/agent.env" "$agent_dir/packaging/naap-agent-launcher.sh"; do
  [[ -f $f ]] || die "missing $f"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/naap-agent-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
name="naap-agent-$version"
pkg="$work/$name"

# The production dependencies, workspace packages included, into $pkg.
collect_dependencies() {
  echo "==> collecting production dependencies (pnpm deploy)"
  # pnpm 10 deploys a workspace without injected packages only in --legacy mode;
  # the result is a standalone folder: the package's "files" (bin, dist), its
  # package.json and a node_modules with the workspace packages copied in. Files
  # are copied from the store, not hard-linked to it, so changing their modes
  # below cannot touch the store.
  local flags=(--prod --legacy --package-import-method=copy)
  if ((offline)); then flags+=(--offline); else flags+=(--prefer-offline); fi
  if ! pnpm -C "$repo" --filter @naap/agent deploy "${flags[@]}" "$pkg" >"$work/deploy.log" 2>&1; then
    cat "$work/deploy.log" >&2
    die "pnpm deploy failed (see above)"
  fi

  # node_modules/.bin shims hard-code the build directory; nothing at run time uses them.
  find "$pkg/node_modules" -name .bin -prune -exec rm -rf {} +

  # Every workspace package the agent imports must be compiled: deploy copies dist/, not src/.
  local ws
  for ws in "$pkg"/node_modules/@naap/*; do
    [[ -e $ws ]] || continue
    [[ -d $ws/dist ]] ||
      die "@naap/$(basename "$ws") is not built (no dist/): run \`pnpm build\` first (or package.sh --build)"
  done

  # The tree must be relocatable: no symbolic link may lead out of it. pnpm's
  # hoisted links (node_modules/.pnpm/node_modules) include one back to the agent's
  # own source folder: dangling once packaged, and unused; it goes. Any other is an error.
  local links resolved i link
  mapfile -d '' links < <(find "$pkg" -type l -print0)
  ((${#links[@]})) || return 0
  mapfile -d '' resolved < <(realpath -m -z -- "${links[@]}")
  for i in "${!links[@]}"; do
    [[ ${resolved[i]} != "$pkg"/* ]] || continue
    link=${links[i]}
    case ${link#"$pkg/"} in
      node_modules/.pnpm/node_modules/*) rm -f -- "$link" ;;
      *) die "symbolic link leading out of the package: ${link#"$pkg/"} -> $(readlink -- "$link")" ;;
    esac
  done
}

if ((deps)); then
  collect_dependencies
else
  mkdir "$pkg"
  cp "$agent_dir/package.json" "$pkg/package.json"
fi

# The agent itself: the chosen dist and bin, not whatever deploy found.
rm -rf "${pkg:?}/dist" "${pkg:?}/bin"
cp -R "$dist" "$pkg/dist"
cp -R "$bin" "$pkg/bin"

cp "$repo/install.sh" "$pkg/install.sh"
mkdir -p "$pkg/packaging"
cp "$agent_dir/packaging/naap-agent.service" "$agent_dir/packaging/agent.env" \
  "$agent_dir/packaging/naap-agent-launcher.sh" "$pkg/packaging/"
printf '%s\n' "$version" >"$pkg/VERSION"

chmod -R u+rwX,go+rX,go-w "$pkg"
chmod 0755 "$pkg/install.sh" "$pkg/bin/naap-agent.js" "$pkg/packaging/naap-agent-launcher.sh"

echo "==> checksums"
(
  cd "$pkg"
  find . -type f ! -path ./SHA256SUMS -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum --
) >"$work/SHA256SUMS"
mv "$work/SHA256SUMS" "$pkg/SHA256SUMS"

echo "==> tarball"
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
tarball="$out/$name.tar.gz"
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$name" | gzip -n >"$tarball.tmp"
mv -f "$tarball.tmp" "$tarball"
(cd "$out" && sha256sum -- "$name.tar.gz" >"$name.tar.gz.sha256.tmp" && mv -f "$name.tar.gz.sha256.tmp" "$name.tar.gz.sha256")

files=$(wc -l <"$pkg/SHA256SUMS")
size=$(du -h "$tarball" | cut -f1)
echo "packaged naap-agent $version: $tarball ($size, $files files)"
echo "checksum: $tarball.sha256"
echo "install:  sudo bash install.sh --from $tarball"
echo "          (or copy both files to the host; the tarball also contains install.sh)"
