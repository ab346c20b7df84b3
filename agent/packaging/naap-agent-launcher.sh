#!/bin/sh
# naap-agent launcher (installed as /usr/local/bin/naap-agent).
# Managed by naap-agent install.sh: rewritten on upgrade, do not edit.
#
# Runs the installed agent, <root>/opt/naap-agent/current/bin/naap-agent.js,
# with the Node.js found at install time (NAAP_AGENT_NODE overrides it). <root>
# is found from this file's own location, so a staged install (--prefix) runs
# too. From a shell, the settings of <root>/etc/naap-agent/agent.env are loaded
# when that file is readable (root), the way systemd's EnvironmentFile= does for
# the service; variables already set in the environment win.
set -eu

node_default='@NODE@'

self=$(readlink -f "$0")
root=$(cd "$(dirname "$self")/../../.." && pwd -P)
[ "$root" = / ] && root=
agent="$root/opt/naap-agent/current/bin/naap-agent.js"
if [ ! -f "$agent" ]; then
  echo "naap-agent: not installed ($agent is missing); run install.sh again" >&2
  exit 127
fi

node=${NAAP_AGENT_NODE:-$node_default}
if [ ! -x "$node" ]; then
  if ! node=$(command -v node); then
    echo "naap-agent: Node.js not found (not at $node_default, not on PATH); set NAAP_AGENT_NODE" >&2
    exit 127
  fi
fi

env_file="$root/etc/naap-agent/agent.env"
if [ -r "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      NAAP_AGENT_*=*) ;;
      *) continue ;;
    esac
    key=${line%%=*}
    value=${line#*=}
    case $key in
      *[!A-Z0-9_]*) continue ;;
    esac
    case $value in
      \"*\")
        value=${value#\"}
        value=${value%\"}
        ;;
      \'*\')
        value=${value#\'}
        value=${value%\'}
        ;;
    esac
    # $key is checked above to be a plain variable name.
    eval "already=\${$key+set}"
    if [ -z "$already" ]; then
      export "$key=$value"
    fi
  done <"$env_file"
fi

# The V8 flags of src/node-flags.ts (keep them equal): small young-generation
# semi-spaces keep the agent's peak RSS low (README "Cost").
exec "$node" --max-semi-space-size=2 "$agent" "$@"
