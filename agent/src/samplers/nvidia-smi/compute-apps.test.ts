import { describe, expect, it } from 'vitest';
import { executableName, parseComputeAppLine, parseComputeApps } from './compute-apps.js';
import { MIB } from './values.js';

const GPU = 'GPU-2ff89c63-5eda-ba91-2e79-1bdadd4bb265';

describe('parseComputeAppLine', () => {
  it('reads gpu_uuid, pid, process_name, used_gpu_memory', () => {
    expect(parseComputeAppLine(`${GPU}, 631070, /root/.pyenv/bin/python3.11, 10257`)).toEqual({
      gpuUuid: GPU,
      pid: 631070,
      processName: '/root/.pyenv/bin/python3.11',
      usedMemoryBytes: 10257 * MIB,
    });
  });

  it('omits [N/A] memory (Windows) and keeps a name containing ", "', () => {
    const app = parseComputeAppLine(`${GPU}, 2140, C:\\Apps\\a, b.exe, [N/A]`);
    expect(app).toEqual({ gpuUuid: GPU, pid: 2140, processName: 'C:\\Apps\\a, b.exe' });
  });

  it('accepts units and skips headers, blanks and garbage', () => {
    expect(parseComputeAppLine(`${GPU}, 7, ./gpu_burn, 7484 MiB`)?.usedMemoryBytes).toBe(
      7484 * MIB,
    );
    expect(parseComputeAppLine('gpu_uuid, pid, process_name, used_gpu_memory [MiB]')).toBe(
      undefined,
    );
    for (const bad of ['', 'No running processes found', `${GPU}, x, p, 1`, `bogus, 1, p, 1`]) {
      expect(parseComputeAppLine(bad)).toBeUndefined();
    }
    expect(parseComputeAppLine(`${GPU}, 7, p\u0000, 1`)).toBeUndefined();
    expect(parseComputeAppLine(`${GPU}, 7, p, -1`)).toBeUndefined();
  });

  it('parses a whole output and counts what it could not read', () => {
    const text = `${GPU}, 1, a, 10\n${GPU}, 2, b, [N/A]\nrubbish\n\n${'x'.repeat(70_000)}\n`;
    const { apps, rejected } = parseComputeApps(text);
    expect(apps.map((a) => a.pid)).toEqual([1, 2]);
    expect(rejected).toBe(2);
  });

  it('names the executable from Linux and Windows paths', () => {
    expect(executableName('/root/.pyenv/versions/3.11.10/bin/python3.11')).toBe('python3.11');
    expect(executableName('C:\\Program Files (x86)\\Edge\\msedge.exe')).toBe('msedge.exe');
    expect(executableName('python')).toBe('python');
  });
});
