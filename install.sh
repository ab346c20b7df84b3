#!/usr/bin/env bash
# Installs naap-agent, the NaaP SLA telemetry agent, on a Linux GPU host
# (beside a go-livepeer orchestrator) as a hardened systemd service.
#
#   sudo bash install.sh --from naap-agent-<version>.tar.gz   # offline package
#   sudo bash install.sh                                       # from a checkout's dist/ or an unpacked package
#   sudo bash install.sh --uninstall [--purge]
#
# What it sets up (every path below is under --prefix, default /):
#   /opt/naap-agent/<version>/           the packaged agent (its node_modules included)
#   /opt/naap-agent/current              -> <version>; the previous version is kept for a rollback
#   /usr/local/bin/naap-agent            launcher: runs current/ with the Node.js found now
#   /etc/systemd/system/naap-agent.service
#   /etc/naap-agent/agent.env            configuration, 0600: created once, never overwritten
#   /etc/naap-agent/agent.env.example    the newest template, refreshed on every run
#   /var/lib/naap-agent                  state, owned by the service user
#   user naap-agent                      system user, groups video (+render, docker, systemd-journal)
#
# Re-running is safe: what is already in place is left untouched. With --prefix DIR
# the files are written into DIR only (a staging root, used by the tests): no user
# is created and systemctl is not called; the commands are printed instead.
set -euo pipefail
umask 022

readonly NODE_MIN_MAJOR=20 NODE_MIN_MINOR=19
readonly SVC=naap-agent
readonly MARKER='Managed by naap-agent install.sh'

usage() {
  cat <<'EOF'
Usage: install.sh [options]

Installs naap-agent as a systemd service (run as root), or removes it.

Options:
  --from FILE      install this package (naap-agent-<version>.tar.gz, made by
                   agent/scripts/package.sh); FILE.sha256 beside it is checked when present.
                   Default: the unpacked package this script belongs to, or, in a checkout,
                   dist/naap-agent-<version>.tar.gz
  --prefix DIR     install into DIR as a staging root instead of / (no user, no systemctl)
  --dry-run        print what would change, change nothing
  --docker         add the service user to the docker group (job logs / runners from Docker)
  --no-docker      remove it again (the choice is otherwise kept across upgrades)
  --journal        add the service user to systemd-journal (job log from journald)
  --no-journal     remove it again
  --node PATH      Node.js binary for the service (default: `node` on PATH; >= 20.19)
  --uninstall      remove the service, /opt/naap-agent and the launcher; keep
                   /etc/naap-agent/agent.env and non-empty /var/lib/naap-agent
  --purge          --uninstall, and remove the configuration, the state and the user too
  -h, --help       this help

After installing: edit /etc/naap-agent/agent.env, then `naap-agent enroll`,
`naap-agent doctor`, `systemctl enable --now naap-agent`.
EOF
}

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'install.sh: error: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do printf '  %s\n' "$line" >&2; done
  exit 1
}
usage_error() {
  printf 'install.sh: %s (see --help)\n' "$*" >&2
  exit 2
}

# ---------------------------------------------------------------- options

orig_args=("$@")
prefix=/
from=""
dry_run=0
uninstall=0
purge=0
docker=""
journal=""
node_opt=""

while (($#)); do
  opt=$1
  value=""
  has_value=0
  case $opt in
    --*=*)
      value=${opt#*=}
      opt=${opt%%=*}
      has_value=1
      ;;
  esac
  case $opt in
    --from | --prefix | --node)
      if ((!has_value)); then
        (($# >= 2)) || usage_error "$opt needs a value"
        value=$2
        shift
      fi
      [[ -n $value ]] || usage_error "$opt needs a value"
      case $opt in
        --from) from=$value ;;
        --prefix) prefix=$value ;;
        --node) node_opt=$value ;;
      esac
      ;;
    --dry-run) dry_run=1 ;;
    --docker) docker=1 ;;
    --no-docker) docker=0 ;;
    --journal) journal=1 ;;
    --no-journal) journal=0 ;;
    --uninstall) uninstall=1 ;;
    --purge) uninstall=1 purge=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) usage_error "unknown option: $1" ;;
  esac
  if ((has_value)) && [[ $opt != --from && $opt != --prefix && $opt != --node ]]; then
    usage_error "$opt takes no value"
  fi
  shift
done

if ((uninstall)); then
  [[ -z $from ]] || usage_error "--from is for installing, not with --uninstall"
  [[ -z $docker && -z $journal && -z $node_opt ]] || usage_error "--docker, --journal and --node are for installing"
fi

# ---------------------------------------------------------------- where

# R is prepended to every system path: "" for the real root, the staging directory otherwise.
if [[ $prefix == / ]]; then
  R=""
  staging=0
else
  R=$(realpath -m -- "$prefix")
  [[ $R != / ]] || R=""
  staging=0
  [[ -z $R ]] || staging=1
fi
[[ ! -e $R || -d ${R:-/} ]] || die "--prefix $prefix is not a directory"

opt_dir="$R/opt/naap-agent"
launcher="$R/usr/local/bin/naap-agent"
unit="$R/etc/systemd/system/naap-agent.service"
dropins="$R/etc/systemd/system/naap-agent.service.d"
etc_dir="$R/etc/naap-agent"
env_file="$etc_dir/agent.env"
env_example="$etc_dir/agent.env.example"
state_dir="$R/var/lib/naap-agent"

script_dir=""
if [[ -n ${BASH_SOURCE[0]:-} && -f ${BASH_SOURCE[0]} ]]; then
  script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
fi

work=""
cleanup() { [[ -z $work ]] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
work=$(mktemp -d "${TMPDIR:-/tmp}/naap-agent-install.XXXXXX")

# ---------------------------------------------------------------- reporting

changes=0
# did VERB WHAT: a change (made, or only shown with --dry-run).
did() {
  changes=$((changes + 1))
  if ((dry_run)); then
    printf '  would %-10s %s\n' "$1" "$2"
  else
    printf '  %-16s %s\n' "$1" "$2"
  fi
}
same() { printf '  %-16s %s\n' unchanged "$1"; }

# sys CMD...: a change to the system outside the files (users, systemd). Not run
# with --dry-run, nor in a staging root, which has no accounts or service manager
# of its own: shown instead.
sys() {
  local shown="" arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./,=:@+-]+$ ]]; then shown+="$arg "; else shown+="'$arg' "; fi
  done
  if ((dry_run)); then
    say "    would run: ${shown% }"
  elif ((staging)); then
    say "    skipped (staging root), on the host: ${shown% }"
  else
    "$@"
  fi
}

# ---------------------------------------------------------------- checks

check_linux() {
  local os
  os=$(uname -s)
  [[ $os == Linux ]] || die "naap-agent installs on Linux GPU hosts only; this is $os." \
    "On other systems, run the agent by hand: node agent/bin/naap-agent.js run"
}

check_root() {
  ((staging)) && return 0
  local uid
  uid=$(id -u)
  [[ $uid == 0 ]] && return 0
  if ((dry_run)); then
    warn "not running as root: a real run needs sudo"
    return 0
  fi
  die "must run as root to install a system service (uid is $uid)." \
    "Use: sudo bash $0 ${orig_args[*]}" \
    "or stage the files without root: --prefix DIR"
}

check_systemd() {
  ((staging)) && return 0
  if [[ ! -d /run/systemd/system ]] || ! command -v systemctl >/dev/null 2>&1; then
    die "systemd is not running on this host (no /run/systemd/system): install.sh sets naap-agent up as a systemd service." \
      "Without systemd, run \`naap-agent run\` under your own supervisor, with the settings of agent.env" \
      "in its environment; --prefix DIR stages the files without systemd."
  fi
}

node_path=""
node_version=""
check_node() {
  if [[ -n $node_opt ]]; then
    [[ -x $node_opt && ! -d $node_opt ]] ||
      die "Node.js not found at $node_opt (--node): give the path of the node binary."
    node_path=$node_opt
  elif ! node_path=$(command -v node); then
    die "Node.js ${NODE_MIN_MAJOR}.${NODE_MIN_MINOR} or newer is required, and \`node\` is not on PATH." \
      "Install Node.js (https://nodejs.org, your distribution's package, or NodeSource for" \
      "Debian/Ubuntu), system-wide, then run this again; or point --node at a node binary" \
      "(sudo resets PATH: a Node.js of your own is found with --node \"\$(command -v node)\")."
  fi
  [[ $node_path == /* ]] || node_path=$(realpath -- "$node_path")
  if ! node_version=$("$node_path" --version 2>/dev/null); then
    die "$node_path --version failed: is it a working Node.js?"
  fi
  local major minor
  if [[ $node_version =~ ^v([0-9]+)\.([0-9]+)\. ]]; then
    major=${BASH_REMATCH[1]}
    minor=${BASH_REMATCH[2]}
  else
    die "cannot read the Node.js version from $node_path --version: '$node_version'"
  fi
  if ((major < NODE_MIN_MAJOR || (major == NODE_MIN_MAJOR && minor < NODE_MIN_MINOR))); then
    die "Node.js ${NODE_MIN_MAJOR}.${NODE_MIN_MINOR} or newer is required; $node_path is $node_version." \
      "Upgrade Node.js (https://nodejs.org, or NodeSource for Debian/Ubuntu), or point --node at a newer binary."
  fi
  [[ $node_path =~ ^[A-Za-z0-9/._+-]+$ ]] ||
    die "unsupported characters in the Node.js path '$node_path': use --node with a plain path"
  local resolved
  resolved=$(readlink -f -- "$node_path")
  case $resolved in
    /home/* | /root/* | /run/user/*)
      warn "Node.js is under a home directory ($resolved): the service runs with ProtectHome=yes" \
        "and will not see it. Install Node.js system-wide (e.g. /usr/bin/node) and pass --node."
      ;;
  esac
}

check_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required but was not found on PATH"
  done
}

# ---------------------------------------------------------------- the package

# Verifies an unpacked package: every file matches SHA256SUMS, no file is unlisted,
# no symbolic link leads out of it, and the expected files are there.
verify_package() {
  local dir=$1 label=$2
  [[ -f $dir/SHA256SUMS && -f $dir/VERSION ]] ||
    die "$label is not a naap-agent package (no SHA256SUMS or VERSION)."
  if ! (cd "$dir" && sha256sum --check --strict --quiet SHA256SUMS) >"$work/check.out" 2>&1; then
    local failed
    failed=$(grep -c 'FAILED' "$work/check.out" || true)
    mapfile -t lines < <(head -n 5 "$work/check.out")
    die "integrity check failed: $failed file(s) of $label do not match its SHA256SUMS:" \
      "${lines[@]}" \
      "The package is corrupted or was modified: download it again, or rebuild it with agent/scripts/package.sh."
  fi
  local extra
  extra=$(comm -13 \
    <(sed 's/^[0-9a-f]\{64\} [ *]//' "$dir/SHA256SUMS" | LC_ALL=C sort) \
    <(cd "$dir" && find . -type f ! -path ./SHA256SUMS -printf '%P\n' | LC_ALL=C sort))
  if [[ -n $extra ]]; then
    mapfile -t lines < <(head -n 5 <<<"$extra")
    die "integrity check failed: $label holds files that SHA256SUMS does not list:" "${lines[@]}" \
      "The package was modified: download it again, or rebuild it with agent/scripts/package.sh."
  fi
  local root resolved
  root=$(realpath -- "$dir")
  while IFS= read -r resolved; do
    [[ $resolved == "$root"/* ]] ||
      die "integrity check failed: $label has a symbolic link leading outside it (to $resolved)."
  done < <(find "$dir" -type l -print0 | xargs -0 -r realpath -m --)
  local f
  for f in bin/naap-agent.js dist/main.js package.json install.sh \
    packaging/naap-agent.service packaging/agent.env packaging/naap-agent-launcher.sh; do
    [[ -f $dir/$f ]] || die "$label is not a complete naap-agent package: $f is missing."
  done
}

pkg=""
pkg_label=""
version=""
resolve_package() {
  if [[ -z $from && -n $script_dir ]]; then
    if [[ -f $script_dir/VERSION && -f $script_dir/SHA256SUMS ]]; then
      pkg=$script_dir
      pkg_label=$script_dir
    elif [[ -f $script_dir/agent/package.json ]]; then
      local v
      v=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$script_dir/agent/package.json" | head -n 1)
      from="$script_dir/dist/naap-agent-$v.tar.gz"
      [[ -f $from ]] || die "no package to install: $from does not exist. Build it in this checkout:" \
        "pnpm build && bash agent/scripts/package.sh" \
        "then run this again, or pass --from <naap-agent-VERSION.tar.gz>."
    fi
  fi
  if [[ -z $pkg ]]; then
    [[ -n $from ]] || die "no package to install: pass --from <naap-agent-VERSION.tar.gz>" \
      "(made by agent/scripts/package.sh), or run the install.sh inside an unpacked package."
    [[ -f $from ]] || die "--from $from: no such file."
    from=$(realpath -- "$from")
    pkg_label=$from
    if [[ -f $from.sha256 ]]; then
      local expected actual
      expected=$(awk 'NR == 1 { print $1 }' "$from.sha256")
      actual=$(sha256sum <"$from" | awk '{ print $1 }')
      [[ $expected == "$actual" ]] ||
        die "checksum mismatch: $from does not match $from.sha256" \
          "(expected $expected, got $actual): the file is corrupted or was tampered with; download both again."
    fi
    mkdir "$work/unpacked"
    if ! tar -xzf "$from" -C "$work/unpacked" --no-same-owner --no-same-permissions 2>"$work/tar.err"; then
      die "cannot unpack $from: not a naap-agent tarball, or truncated ($(head -n 1 "$work/tar.err"))."
    fi
    local entries
    mapfile -t entries < <(find "$work/unpacked" -mindepth 1 -maxdepth 1)
    [[ ${#entries[@]} == 1 && -d ${entries[0]} && $(basename "${entries[0]}") == naap-agent-* ]] ||
      die "$from is not a naap-agent package: expected a single naap-agent-<version>/ directory in it."
    pkg=${entries[0]}
  fi
  verify_package "$pkg" "$pkg_label"
  version=$(head -n 1 "$pkg/VERSION")
  [[ $version =~ ^[0-9A-Za-z][0-9A-Za-z.+_-]*$ ]] || die "$pkg_label: invalid VERSION '$version'."
  if [[ $pkg != "$script_dir" && $(basename "$pkg") != "naap-agent-$version" ]]; then
    die "$pkg_label: its directory $(basename "$pkg") does not match its VERSION $version."
  fi
}

# Same package already at DIR: same SHA256SUMS and the files still match it.
installed_matches() {
  local dir=$1
  [[ -d $dir && -f $dir/SHA256SUMS ]] || return 1
  [[ $(realpath -- "$dir") == $(realpath -- "$pkg") ]] && return 0
  cmp -s "$pkg/SHA256SUMS" "$dir/SHA256SUMS" || return 1
  (cd "$dir" && sha256sum --check --strict --quiet SHA256SUMS) >/dev/null 2>&1 || return 1
  [[ -z $(comm -13 \
    <(sed 's/^[0-9a-f]\{64\} [ *]//' "$dir/SHA256SUMS" | LC_ALL=C sort) \
    <(cd "$dir" && find . -type f ! -path ./SHA256SUMS -printf '%P\n' | LC_ALL=C sort)) ]]
}

# ---------------------------------------------------------------- groups

# group_state NAME: 0 present, 1 absent, 2 unknown (a staging root without /etc/group).
group_state() {
  if ((staging)); then
    [[ -f $R/etc/group ]] || return 2
    grep -q "^$1:" "$R/etc/group" && return 0
    return 1
  fi
  getent group "$1" >/dev/null 2>&1 && return 0
  return 1
}

groups=()
choose_groups() {
  # Keep the docker / journal choice of the previous install unless told otherwise.
  local previous=""
  if [[ -f $unit ]]; then
    previous=" $(sed -n 's/^SupplementaryGroups=//p' "$unit" | head -n 1) "
  fi
  if [[ -z $docker ]]; then
    docker=0
    [[ $previous != *" docker "* ]] || docker=1
  fi
  if [[ -z $journal ]]; then
    journal=0
    [[ $previous != *" systemd-journal "* ]] || journal=1
  fi

  local st
  st=0 && group_state video || st=$?
  if ((st != 1)); then
    groups+=(video)
  else
    warn "no 'video' group on this host: fine where /dev/nvidia* are world-accessible (the driver's default);" \
      "if nvidia-smi fails for the naap-agent user, check their group and mode."
  fi
  st=0 && group_state render || st=$?
  ((st != 0)) || groups+=(render)
  if ((docker)); then
    st=0 && group_state docker || st=$?
    ((st != 1)) || die "--docker: there is no docker group on this host (is Docker installed?)."
    groups+=(docker)
  fi
  if ((journal)); then
    st=0 && group_state systemd-journal || st=$?
    ((st != 1)) || die "--journal: there is no systemd-journal group on this host."
    groups+=(systemd-journal)
  fi
}

nologin_shell() {
  local s
  for s in /usr/sbin/nologin /sbin/nologin /usr/bin/nologin; do
    [[ -x $s ]] && printf '%s\n' "$s" && return 0
  done
  printf '/bin/false\n'
}

# ---------------------------------------------------------------- file helpers

# put_file SRC DEST MODE: DEST gets SRC's content and MODE, written only when different.
wrote=0
put_file() {
  local src=$1 dest=$2 mode=$3
  wrote=0
  if [[ -f $dest && ! -L $dest ]] && cmp -s "$src" "$dest" && [[ $(stat -c %a "$dest") == "${mode#0}" ]]; then
    same "$dest"
    return 0
  fi
  wrote=1
  did write "$dest"
  ((dry_run)) && return 0
  mkdir -p "$(dirname "$dest")"
  cp "$src" "$dest.naap-new"
  chmod "$mode" "$dest.naap-new"
  mv -f "$dest.naap-new" "$dest"
}

ensure_dir() {
  local dir=$1 mode=$2
  [[ -d $dir ]] && return 0
  did create "$dir/"
  ((dry_run)) && return 0
  mkdir -p "$dir"
  chmod "$mode" "$dir"
}

# ---------------------------------------------------------------- install

do_install() {
  check_linux
  check_root
  check_systemd
  check_node
  check_tools tar gzip sha256sum cmp comm find xargs realpath stat sed awk
  choose_groups
  resolve_package

  if ((dry_run)); then say "naap-agent installer: dry run, nothing is changed"; else say "naap-agent installer"; fi
  say "  package  naap-agent $version ($pkg_label, SHA256SUMS verified)"
  if ((staging)); then
    say "  root     $R (staging root: no user is created, systemctl is not called)"
  else
    say "  root     /"
  fi
  say "  node     $node_path $node_version"
  say "  groups   ${groups[*]:-(none)}"
  say ""

  # The service user.
  local groups_csv
  groups_csv=$(
    IFS=,
    printf '%s' "${groups[*]}"
  )
  local useradd_cmd=(useradd --system --user-group --home-dir /var/lib/naap-agent --no-create-home
    --shell "$(nologin_shell)" --comment "NaaP SLA agent")
  [[ -z $groups_csv ]] || useradd_cmd+=(--groups "$groups_csv")
  useradd_cmd+=("$SVC")
  if ((staging)); then
    sys "${useradd_cmd[@]}"
  elif ! id -u "$SVC" >/dev/null 2>&1; then
    did create "user $SVC (groups: ${groups[*]:-none})"
    sys "${useradd_cmd[@]}"
  else
    local have want
    have=$(id -nG "$SVC" | tr ' ' '\n' | grep -vx "$SVC" | LC_ALL=C sort | tr '\n' ' ' || true)
    want=$(printf '%s\n' "${groups[@]}" | grep -v '^$' | LC_ALL=C sort | tr '\n' ' ' || true)
    have=${have% } want=${want% }
    if [[ $have == "$want" ]]; then
      same "user $SVC (groups: ${groups[*]:-none})"
    else
      did set "groups of $SVC: ${groups[*]:-none} (were: ${have:-none})"
      sys usermod -G "$groups_csv" "$SVC"
    fi
  fi

  # The package: /opt/naap-agent/<version>.
  local target="$opt_dir/$version"
  ensure_dir "$opt_dir" 0755
  if installed_matches "$target"; then
    same "$target/"
  else
    did install "$target/"
    if ((!dry_run)); then
      rm -rf "$opt_dir/.$version.new" "$opt_dir/.$version.old"
      if [[ $pkg == "$work"/* ]]; then
        mv "$pkg" "$opt_dir/.$version.new" # unpacked here: moved, a rename on the same file system
        pkg="$opt_dir/$version"
      else
        cp -a "$pkg" "$opt_dir/.$version.new"
      fi
      ((staging)) || chown -R 0:0 "$opt_dir/.$version.new"
      [[ ! -e $target ]] || mv "$target" "$opt_dir/.$version.old"
      mv "$opt_dir/.$version.new" "$target"
      rm -rf "$opt_dir/.$version.old"
    fi
  fi

  # current -> <version>, switched atomically.
  local current="$opt_dir/current" previous=""
  [[ ! -L $current ]] || previous=$(readlink -- "$current")
  [[ ! -e $current || -L $current ]] || die "$current exists and is not a symbolic link: move it away first."
  if [[ $previous == "$version" ]]; then
    same "$current -> $version"
  else
    did link "$current -> $version${previous:+ (was $previous)}"
    if ((!dry_run)); then
      ln -sfn "$version" "$opt_dir/.current.new"
      mv -Tf "$opt_dir/.current.new" "$current"
    fi
  fi

  # The launcher.
  if [[ -e $launcher ]] && ! grep -q "$MARKER" "$launcher" 2>/dev/null; then
    die "$launcher exists and was not written by install.sh (an npm global install?): remove it, then run this again."
  fi
  sed "s|@NODE@|$node_path|g" "$pkg/packaging/naap-agent-launcher.sh" >"$work/launcher"
  put_file "$work/launcher" "$launcher" 0755

  # The unit.
  sed "s|@SUPPLEMENTARY_GROUPS@|${groups[*]}|g" "$pkg/packaging/naap-agent.service" >"$work/unit"
  put_file "$work/unit" "$unit" 0644
  local unit_changed=$wrote

  # The configuration: agent.env is the user's from the first run on.
  ensure_dir "$etc_dir" 0755
  if [[ -e $env_file ]]; then
    local mode
    mode=$(stat -c %a "$env_file")
    if [[ $mode != 600 ]]; then
      did chmod "$env_file 0600 (was $mode: it holds the agent token)"
      ((dry_run)) || chmod 0600 "$env_file"
    else
      same "$env_file (yours: never overwritten)"
    fi
  else
    did create "$env_file (mode 0600)"
    if ((!dry_run)); then
      (umask 077 && cp "$pkg/packaging/agent.env" "$env_file.naap-new")
      chmod 0600 "$env_file.naap-new"
      mv -f "$env_file.naap-new" "$env_file"
    fi
  fi
  put_file "$pkg/packaging/agent.env" "$env_example" 0644

  # The state directory (systemd's StateDirectory= would create it too).
  ensure_dir "$state_dir" 0750
  if ((!staging && !dry_run)); then
    if [[ $(stat -c %U "$state_dir") != "$SVC" ]]; then
      did chown "$state_dir ($SVC)"
      chown "$SVC:$SVC" "$state_dir"
    fi
  fi

  # Keep the current and the previous version, remove older ones.
  local dir v
  for dir in "$opt_dir"/*/; do
    [[ -d $dir ]] || continue
    v=$(basename "$dir")
    [[ $v != current && $v != "$version" && $v != "$previous" ]] || continue
    did remove "$opt_dir/$v/ (old version)"
    ((dry_run)) || rm -rf "${opt_dir:?}/$v"
  done

  # systemd.
  if ((unit_changed)); then
    sys systemctl daemon-reload
  fi
  if ((!staging && changes > 0)) && systemctl is-active --quiet "$SVC" 2>/dev/null; then
    say "  naap-agent is running: restarting it on the new files"
    sys systemctl restart "$SVC"
  fi

  say ""
  if ((changes == 0)); then
    say "naap-agent $version is installed: nothing changed."
  elif ((dry_run)); then
    say "dry run: $changes change(s) would be made; run without --dry-run to make them."
  else
    say "naap-agent $version installed ($changes change(s))."
  fi
  local remove="sudo /opt/naap-agent/current/install.sh --uninstall"
  ((!staging)) || remove="$R/opt/naap-agent/current/install.sh --prefix $R --uninstall"
  cat <<EOF

Next steps:
  1. Configure: sudoedit /etc/naap-agent/agent.env
                (NAAP_AGENT_COLLECTOR, and the settings documented there)
  2. Enroll:    sudo naap-agent enroll
  3. Check:     sudo naap-agent doctor
  4. Start:     sudo systemctl enable --now naap-agent
                journalctl -u naap-agent -f
Remove:  $remove   (--purge: also agent.env, state and user)
EOF
  if ((staging)); then
    say "(staging root: on the host these paths are under /, here under $R)"
  fi
}

# ---------------------------------------------------------------- uninstall

do_uninstall() {
  check_linux
  check_root
  check_tools find stat

  if ((dry_run)); then say "naap-agent uninstaller: dry run, nothing is changed"; else say "naap-agent uninstaller"; fi
  say "  root     ${R:-/}${R:+ (staging root)}"
  say ""

  local have_systemd=0
  if ((!staging)) && [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    have_systemd=1
  fi
  if [[ -f $unit ]]; then
    if ((have_systemd)); then
      sys systemctl disable --now "$SVC.service" || warn "could not stop/disable $SVC.service"
    elif ((staging)); then
      sys systemctl disable --now "$SVC.service"
    fi
    did remove "$unit"
    ((dry_run)) || rm -f "$unit"
    if ((have_systemd || staging)); then
      sys systemctl daemon-reload
    fi
    if ((have_systemd)); then
      sys systemctl reset-failed "$SVC.service" 2>/dev/null || true
    fi
  fi

  if [[ -e $launcher || -L $launcher ]]; then
    if grep -q "$MARKER" "$launcher" 2>/dev/null; then
      did remove "$launcher"
      ((dry_run)) || rm -f "$launcher"
    else
      warn "$launcher was not written by install.sh: left in place"
    fi
  fi
  if [[ -e $opt_dir || -L $opt_dir ]]; then
    did remove "$opt_dir/"
    ((dry_run)) || rm -rf "$opt_dir"
  fi
  if [[ -e $env_example ]]; then
    did remove "$env_example"
    ((dry_run)) || rm -f "$env_example"
  fi

  if ((purge)); then
    if [[ -e $etc_dir ]]; then
      did remove "$etc_dir/ (configuration)"
      ((dry_run)) || rm -rf "$etc_dir"
    fi
    if [[ -e $dropins ]]; then
      did remove "$dropins/ (local overrides)"
      ((dry_run)) || rm -rf "$dropins"
    fi
    if [[ -e $state_dir ]]; then
      did remove "$state_dir/ (state)"
      ((dry_run)) || rm -rf "$state_dir"
    fi
    if ((staging)); then
      sys userdel "$SVC"
    elif id -u "$SVC" >/dev/null 2>&1; then
      did remove "user $SVC"
      sys userdel "$SVC"
    fi
  else
    if [[ -d $state_dir ]]; then
      if [[ -z $(find "$state_dir" -mindepth 1 -maxdepth 1 | head -n 1) ]]; then
        did remove "$state_dir/ (empty)"
        ((dry_run)) || rmdir "$state_dir"
      else
        say "  kept             $state_dir/ (buffered data; --purge removes it)"
      fi
    fi
    if [[ -e $env_file ]]; then
      say "  kept             $env_file (your configuration; --purge removes it)"
    fi
    if ((!staging)) && id -u "$SVC" >/dev/null 2>&1; then
      say "  kept             user $SVC (--purge removes it)"
    fi
  fi

  say ""
  if ((changes == 0)); then
    say "naap-agent is not installed: nothing to remove."
  elif ((dry_run)); then
    say "dry run: $changes change(s) would be made."
  else
    say "naap-agent removed."
  fi
}

if ((uninstall)); then
  do_uninstall
else
  do_install
fi
