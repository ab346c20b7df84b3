import type { RunnerContainer } from './docker-ps.js';
import type { LogFollower } from './log-follow.js';
import {
  fetchRunnerVersion,
  pollRunnerHealth,
  type RunnerHealth,
  type RunnerVersion,
} from './runner-http.js';
import { modelIdOf, type RunnerInfo } from './runner-info.js';

/** One tracked runner container and what was learnt about it. */
export interface Tracked {
  container: RunnerContainer;
  version: RunnerVersion | null;
  versionTries: number;
  health: RunnerHealth | null;
  healthError: string | null;
  follower: LogFollower | null;
  /** Last docker log timestamp of a follower that ended, to resume without a gap. */
  lastTimestamp: string | undefined;
  /** Whether a failure of its log follower was already logged. */
  followWarned: boolean;
}

export interface FleetOptions {
  readonly runnerHost: string;
  readonly httpTimeoutMs: number;
}

/** Tries of `/version` per container (older runners do not serve it). */
const MAX_VERSION_TRIES = 3;

/** The ai-runner containers seen by the last `docker ps`, with their health and model id. */
export class RunnerFleet {
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly options: FleetOptions) {}

  all(): Tracked[] {
    return [...this.tracked.values()];
  }

  /** Adopts the containers listed now; returns those that went away (their followers to stop). */
  sync(containers: readonly RunnerContainer[]): Tracked[] {
    const seen = new Set(containers.map((c) => c.id));
    const gone: Tracked[] = [];
    for (const [id, t] of this.tracked) {
      if (seen.has(id)) continue;
      this.tracked.delete(id);
      gone.push(t);
    }
    for (const c of containers) {
      const t = this.tracked.get(c.id);
      if (t !== undefined) t.container = c;
      else {
        this.tracked.set(c.id, {
          container: c,
          version: null,
          versionTries: 0,
          health: null,
          healthError: null,
          follower: null,
          lastTimestamp: undefined,
          followWarned: false,
        });
      }
    }
    return gone;
  }

  /** Polls every runner's `/health` (and `/version` until known), concurrently. */
  async refresh(signal?: AbortSignal): Promise<void> {
    await Promise.all(this.all().map((t) => this.refreshOne(t, signal)));
  }

  private async refreshOne(t: Tracked, signal: AbortSignal | undefined): Promise<void> {
    const port = t.container.port;
    if (port === undefined) {
      t.health = null;
      t.healthError = 'no host port bound to 8000/tcp';
      return;
    }
    const base = `http://${this.options.runnerHost}:${port}`;
    const http = {
      timeoutMs: this.options.httpTimeoutMs,
      ...(signal !== undefined ? { signal } : {}),
    };
    if (t.version === null && t.versionTries < MAX_VERSION_TRIES) {
      t.versionTries++;
      t.version = await fetchRunnerVersion(base, http);
    }
    const h = await pollRunnerHealth(base, http);
    t.health = h.health;
    t.healthError = h.error ?? null;
  }

  infos(): RunnerInfo[] {
    return this.all().map((t) => {
      const c = t.container;
      const { modelId, exact } = modelIdOf(c, t.version);
      return {
        id: c.id,
        name: c.name,
        pipeline: c.pipeline,
        pipelineText: c.pipelineText,
        modelId,
        modelIdExact: exact,
        port: c.port,
        image: c.image,
        runnerVersion: t.version?.version,
        health: t.health,
        healthError: t.healthError,
        followingLog: t.follower !== null && !t.follower.ended,
      };
    });
  }
}
