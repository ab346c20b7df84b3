import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `sim/bin/nvidia-smi.js`, from this module in `src/` or `dist/` alike. */
export const NVIDIA_SMI_BIN = fileURLToPath(new URL('../../../bin/nvidia-smi.js', import.meta.url));

/** Quotes a word for a POSIX shell. */
export const shellQuote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Writes `<dir>/nvidia-smi`, an executable POSIX shell script that runs the
 * fake nvidia-smi for one simulated host (absolute paths to node, the bin and
 * the host file), so an agent can be given a single executable path.
 * Returns the script's absolute path.
 */
export async function writeNvidiaSmiWrapper(dir: string, hostFilePath: string): Promise<string> {
  const path = join(resolve(dir), 'nvidia-smi');
  const command = [process.execPath, NVIDIA_SMI_BIN, '--sim-host-file', resolve(hostFilePath)]
    .map(shellQuote)
    .join(' ');
  const script = `#!/bin/sh\n# naap-sim: fake nvidia-smi of one simulated host.\nexec ${command} "$@"\n`;
  await mkdir(resolve(dir), { recursive: true });
  await writeFile(path, script, { mode: 0o755 });
  await chmod(path, 0o755);
  return path;
}
