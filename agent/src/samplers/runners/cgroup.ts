import { readFile } from 'node:fs/promises';

/**
 * Which container a host process belongs to, so that GPU processes
 * (nvidia-smi `--query-compute-apps` pids) can be mapped to runner
 * containers. Needs the agent in the host's PID namespace.
 */

const ID = '([0-9a-f]{64})';
const CGROUP_PATTERNS = [
  new RegExp(`docker-${ID}\\.scope`), // systemd cgroup driver (v1 and v2)
  new RegExp(`/docker/${ID}(?:/|$)`), // cgroupfs driver
  new RegExp(`/containerd/${ID}(?:/|$)`),
  new RegExp(`cri-containerd-${ID}\\.scope`),
];

/** The container id in a `/proc/<pid>/cgroup` text; undefined when none is named. */
export function containerIdFromCgroup(text: string): string | undefined {
  for (const line of text.split('\n')) {
    for (const p of CGROUP_PATTERNS) {
      const m = p.exec(line);
      if (m?.[1] !== undefined) return m[1];
    }
  }
  return undefined;
}

/**
 * The container id in a `/proc/<pid>/mountinfo` text (Docker bind-mounts
 * `/var/lib/docker/containers/<id>/hostname` etc.): works where cgroup
 * namespaces hide the cgroup path.
 */
export function containerIdFromMountinfo(text: string): string | undefined {
  return new RegExp(`/containers/${ID}/`).exec(text)?.[1];
}

/** The id of the container process `pid` runs in; undefined when unknown. Never throws. */
export async function containerIdOfPid(
  pid: number,
  procRoot = '/proc',
): Promise<string | undefined> {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const read = (file: string) =>
    readFile(`${procRoot}/${pid}/${file}`, 'utf8').catch(() => undefined);
  const cgroup = await read('cgroup');
  const fromCgroup = cgroup === undefined ? undefined : containerIdFromCgroup(cgroup);
  if (fromCgroup !== undefined) return fromCgroup;
  const mountinfo = await read('mountinfo');
  return mountinfo === undefined ? undefined : containerIdFromMountinfo(mountinfo);
}
