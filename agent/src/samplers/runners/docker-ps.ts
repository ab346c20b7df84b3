import { isPipelineId, type PipelineId } from '@naap/otel';

/** Docker label go-livepeer's AI worker puts on the runner containers it starts. */
export const RUNNER_LABEL = 'creator=ai-worker';

/** Port the ai-runner listens on inside its container. */
export const RUNNER_CONTAINER_PORT = 8000;

/** What a runner container's name says: `<pipeline>_<model with / and _ as ->_<hostPort>`. */
export interface RunnerName {
  /** The pipeline as written in the name; `pipeline` below is set when it is a known one. */
  readonly pipelineText: string;
  readonly pipeline: PipelineId | undefined;
  /** The model id with `/` and `_` replaced by `-` (not reversible). */
  readonly modelSlug: string;
  readonly hostPort: number | undefined;
}

/** One ai-runner container from `docker ps`. */
export interface RunnerContainer extends RunnerName {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  /** Host port bound to the runner's 8000/tcp (from `Ports`, else from the name). */
  readonly port: number | undefined;
  readonly state: string | undefined;
}

const NAME = /^([a-z0-9][a-z0-9-]*)_([^_\s]+?)(?:_(\d{1,5}))?$/;

const portNumber = (text: string | undefined): number | undefined => {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
};

/** Parses go-livepeer's runner container name (docker.go dockerContainerName). */
export function parseRunnerName(name: string): RunnerName | undefined {
  const m = NAME.exec(name.replace(/^\//, ''));
  if (m === null) return undefined;
  const [, pipelineText = '', modelSlug = '', port] = m;
  return {
    pipelineText,
    pipeline: isPipelineId(pipelineText) ? pipelineText : undefined,
    modelSlug,
    hostPort: portNumber(port),
  };
}

/**
 * The host port bound to the runner's container port in `docker ps`'s
 * `Ports` column (`127.0.0.1:8000->8000/tcp, [::1]:8000->8000/tcp`);
 * undefined when none is.
 */
export function hostPortOf(
  ports: string,
  containerPort = RUNNER_CONTAINER_PORT,
): number | undefined {
  for (const part of ports.split(',')) {
    const m = /(?:^|:)(\d{1,5})->(\d{1,5})\/tcp$/.exec(part.trim());
    if (m !== null && Number(m[2]) === containerPort) return portNumber(m[1]);
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const hasRunnerLabel = (labels: string | undefined): boolean =>
  labels === undefined || labels.split(',').some((l) => l.trim() === RUNNER_LABEL);

/** One line of `docker ps --format '{{json .}}'`; undefined when it is not a runner container. */
export function parseDockerPsLine(line: string): RunnerContainer | undefined {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
  const r = row as Record<string, unknown>;
  const id = str(r['ID']);
  // A container may have several names (links): the first is its own.
  const name = str(r['Names'])?.split(',')[0]?.trim().replace(/^\//, '');
  if (id === undefined || !/^[0-9a-f]{12,64}$/.test(id) || name === undefined) return undefined;
  if (!hasRunnerLabel(str(r['Labels']))) return undefined;
  const parsed = parseRunnerName(name);
  if (parsed === undefined) return undefined;
  const state = str(r['State']);
  return {
    ...parsed,
    id,
    name,
    image: str(r['Image'])?.slice(0, 256) ?? '',
    port: hostPortOf(str(r['Ports']) ?? '') ?? parsed.hostPort,
    state,
  };
}

export interface DockerPsResult {
  readonly containers: RunnerContainer[];
  /** Non-empty lines that were not a runner container (garbage, other containers). */
  readonly rejected: number;
}

/** Parses `docker ps --format '{{json .}}'` output: one JSON object per line. */
export function parseDockerPs(stdout: string): DockerPsResult {
  const containers: RunnerContainer[] = [];
  const ids = new Set<string>();
  let rejected = 0;
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const c = parseDockerPsLine(line.trim());
    if (c === undefined || ids.has(c.id)) rejected++;
    else if (c.state === undefined || c.state === 'running') {
      ids.add(c.id);
      containers.push(c);
    }
  }
  return { containers, rejected };
}
