import type { AgentConfig } from '../../config/types.js';
import {
  CommandFollower,
  dockerLogsCommand,
  journalctlCommand,
  type LogCommand,
} from './follow-command.js';
import { FileFollower } from './follow-file.js';
import type { SourceLine } from './line-splitter.js';

/** Where the go-livepeer log is read from, as the sampler drives it. */
export interface LineSource {
  /** `file:<path>`, `journal:<unit>`, `docker:<container>`. */
  readonly description: string;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface SourceOptions {
  /** Read a file source from its start instead of its end. */
  readonly fromStart?: boolean;
  readonly pollIntervalMs?: number;
  /** Binaries (tests put scripts here). */
  readonly journalctl?: string;
  readonly docker?: string;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly maxLineBytes?: number;
}

export interface SourceHandlers {
  readonly onLines: (lines: readonly SourceLine[]) => void;
  readonly onError: (error: Error) => void;
}

function commandSource(
  description: string,
  command: LogCommand,
  handlers: SourceHandlers,
  options: SourceOptions,
): LineSource {
  const follower = new CommandFollower({
    command,
    ...handlers,
    ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
    ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
    ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
  });
  return {
    description,
    start: () => {
      follower.start();
      return Promise.resolve();
    },
    close: () => follower.close(),
  };
}

/** The source `config.jobLog` names, or null for `none`. */
export function openSource(
  jobLog: AgentConfig['jobLog'],
  handlers: SourceHandlers,
  options: SourceOptions = {},
): LineSource | null {
  switch (jobLog.kind) {
    case 'file': {
      const follower = new FileFollower({
        path: jobLog.path,
        ...handlers,
        ...(options.fromStart !== undefined ? { fromStart: options.fromStart } : {}),
        ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
        ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
      });
      return {
        description: `file:${jobLog.path}`,
        start: () => follower.start(),
        close: () => follower.close(),
      };
    }
    case 'journal':
      return commandSource(
        `journal:${jobLog.unit}`,
        journalctlCommand(jobLog.unit, options.journalctl),
        handlers,
        options,
      );
    case 'docker':
      return commandSource(
        `docker:${jobLog.container}`,
        dockerLogsCommand(jobLog.container, options.docker),
        handlers,
        options,
      );
    case 'none':
      return null;
  }
}
