import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { clogValues, glogPrefix } from './go-format.js';

export type LogContext = Readonly<Record<string, string>>;

/**
 * The gateway's log file (`<stateDir>/gateway.log`), one go-livepeer-style
 * glog line per event, timestamped with simulated time. Writes are
 * serialised so lines never interleave; `flush()` waits for them.
 */
export class GatewayLog {
  private writes: Promise<void>;

  constructor(
    readonly path: string,
    private readonly now: () => number,
  ) {
    this.writes = mkdir(dirname(path), { recursive: true })
      .then(() => undefined)
      .catch(() => undefined);
  }

  info(file: string, context: LogContext, message: string): void {
    this.write('I', file, context, message);
  }

  warn(file: string, context: LogContext, message: string): void {
    this.write('W', file, context, message);
  }

  error(file: string, context: LogContext, message: string): void {
    this.write('E', file, context, message);
  }

  /** Resolves when every line written so far is on disk. */
  flush(): Promise<void> {
    return this.writes;
  }

  private write(severity: 'I' | 'W' | 'E', file: string, context: LogContext, message: string) {
    const clean = message.replaceAll('\n', ' ');
    const line = `${glogPrefix(severity, this.now(), file)}${clogValues(context)}${clean}\n`;
    this.writes = this.writes.then(() => appendFile(this.path, line)).catch(() => undefined);
  }
}
