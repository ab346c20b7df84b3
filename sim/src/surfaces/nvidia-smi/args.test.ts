import { describe, expect, it } from 'vitest';
import { parseArgs, parseFormat, type ParseResult, type SmiArgs } from './args.js';

const ok = (argv: string[]): SmiArgs => {
  const r = parseArgs(argv);
  if (!r.ok) throw new Error(`expected success, got ${r.error.stdout}`);
  return r.args;
};

const failure = (argv: string[]): { stdout: string; exitCode: number } => {
  const r: ParseResult = parseArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(' ')}`);
  return { stdout: r.error.stdout, exitCode: r.error.exitCode };
};

describe('parseArgs', () => {
  it('reads a query with its format, in either order and either value syntax', () => {
    const a = ok(['--query-gpu=name,memory.used', '--format=csv,noheader,nounits']);
    expect(a.command).toEqual({
      kind: 'query',
      what: 'gpu',
      fields: ['name', 'memory.used'],
      format: { header: false, units: false },
    });
    const b = ok(['--format', 'csv', '--query-compute-apps', 'pid,used_memory']);
    expect(b.command).toEqual({
      kind: 'query',
      what: 'compute-apps',
      fields: ['pid', 'used_memory'],
      format: { header: true, units: true },
    });
    expect(a.loopMs).toBeNull();
    expect(a.hostFile).toBeNull();
  });

  it('reads every loop form as wall milliseconds', () => {
    const q = ['--query-gpu=name', '--format=csv'];
    expect(ok([...q, '-l', '2']).loopMs).toBe(2000);
    expect(ok([...q, '--loop=3']).loopMs).toBe(3000);
    expect(ok([...q, '-lms', '500']).loopMs).toBe(500);
    expect(ok([...q, '--loop-ms=250']).loopMs).toBe(250);
    expect(ok(['-l', ...q]).loopMs).toBe(5000);
  });

  it('reads the host file, ids, list, help and version switches', () => {
    expect(ok(['--sim-host-file', '/x/host.json', '-L']).hostFile).toBe('/x/host.json');
    expect(ok(['--sim-host-file=/y.json', '--list-gpus']).command).toEqual({ kind: 'list' });
    expect(ok(['-i', '0,2', '-L']).ids).toEqual(['0', '2']);
    expect(ok(['--id=GPU-1', '-L']).ids).toEqual(['GPU-1']);
    expect(ok(['-h']).command).toEqual({ kind: 'help' });
    expect(ok(['--query-gpu=x', '--help']).command).toEqual({ kind: 'help' });
    expect(ok(['--version']).command).toEqual({ kind: 'version' });
    expect(ok(['--help-query-gpu']).command).toEqual({ kind: 'help-query', what: 'gpu' });
    expect(ok([]).command).toEqual({ kind: 'summary' });
  });

  it('rejects unknown options and stray words with the real message and exit code 2', () => {
    expect(failure(['--foo'])).toEqual({
      stdout: "ERROR: Option --foo is not recognized. Please run 'nvidia-smi -h' for help.\n\n",
      exitCode: 2,
    });
    expect(failure(['-lms100']).stdout).toContain('Option -lms100 is not recognized');
    expect(failure(['-format=csv']).stdout).toContain('Option -format=csv is not recognized');
    expect(failure(['--help=yes']).stdout).toContain('Option --help=yes is not recognized');
    expect(failure(['hello']).stdout).toContain('Option hello is not recognized');
  });

  it('rejects empty or missing values', () => {
    expect(failure(['--query-gpu=', '--format=csv'])).toEqual({
      stdout:
        "ERROR: Option --query-gpu is missing its value. Please run 'nvidia-smi -h' for help.\n\n",
      exitCode: 2,
    });
    expect(failure(['--format=csv', '--query-gpu']).stdout).toContain('--query-gpu is missing');
    expect(failure(['--query-gpu', '--format=csv']).stdout).toContain('--query-gpu is missing');
    expect(failure(['-lms']).stdout).toContain('Option -lms is missing its value');
    expect(failure(['--sim-host-file=', '-L']).stdout).toContain('--sim-host-file is missing');
  });

  it('rejects bad formats, loops and combinations', () => {
    const combination =
      "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n\n";
    expect(failure(['--query-gpu=name', '--format=xml'])).toEqual({
      stdout: combination,
      exitCode: 2,
    });
    expect(failure(['--query-gpu=name', '--format=noheader']).stdout).toBe(combination);
    expect(failure(['--format=csv']).stdout).toBe(combination);
    expect(failure(['-L', '--query-gpu=name', '--format=csv']).stdout).toBe(combination);
    expect(failure(['--query-gpu=name', '--format=csv', '-lms', '0']).stdout).toBe(combination);
    expect(failure(['--query-gpu=name', '--format=csv', '--loop=-1']).stdout).toBe(combination);
    expect(failure(['--query-gpu=name', '--format=csv', '--loop-ms=1e3']).stdout).toBe(combination);
    expect(failure(['--query-gpu=name'])).toEqual({
      stdout: '"--format=" switch is missing. Please run \'nvidia-smi -h\' for help.\n\n',
      exitCode: 2,
    });
    expect(failure(['--query-gpu=name', '--query-compute-apps=pid', '--format=csv']).stdout).toBe(
      'Only one --query-* switch can be used at a time.\n\n',
    );
  });

  it('keeps empty entries of a field list for the field check to reject', () => {
    const a = ok(['--query-gpu=name,,uuid', '--format=csv']);
    expect(a.command.kind === 'query' && a.command.fields).toEqual(['name', '', 'uuid']);
  });
});

describe('parseFormat', () => {
  it('accepts csv with noheader/nounits in any order, nothing else', () => {
    expect(parseFormat('nounits,csv')).toEqual({ header: true, units: false });
    expect(parseFormat('noheader,nounits,csv')).toEqual({ header: false, units: false });
    expect(parseFormat('csv, noheader')).toEqual({ header: false, units: true });
    expect(parseFormat('csv,json')).toBeNull();
    expect(parseFormat('')).toBeNull();
  });
});
