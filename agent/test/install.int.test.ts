import { existsSync } from 'node:fs';
import {
  appendFile,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INSTALL,
  PACKAGE,
  PACKAGING,
  REPO,
  ensureOtelBuilt,
  fakeAgent,
  listFiles,
  modeOf,
  run,
  script,
  sha256,
  snapshot,
  type Run,
} from './install-harness.js';

// install.sh and agent/scripts/package.sh, end to end: a stand-in agent is packaged
// (with the real production node_modules from the pnpm store), then installed into
// temporary staging roots (--prefix). Version 0.1.0 is the full package; 0.2.0 (the
// upgrade) and the one the refusals use are light packages without node_modules
// (package.sh --no-deps), much faster to unpack. The tests in a describe block run in order
// and build on each other: install, re-run, upgrade, uninstall, purge.
//
// Commands that would change the host (systemctl, useradd, ...) are shadowed on
// PATH by scripts that record any call and fail: a staging install must never
// run them, and a slip cannot reach the machine running the tests.

const V1 = '0.1.0';
const V2 = '0.2.0';
const LIGHT = '0.9.0';
const GUARDED = ['systemctl', 'useradd', 'usermod', 'userdel', 'groupadd', 'groupdel', 'chown'];

let work: string;
let guardDir: string;
let guardLog: string;
let tarV1: string;
let tarV2: string;
let tarLight: string;
let nodePath: string;

function env(extraPath: readonly string[] = []): Record<string, string> {
  return {
    PATH: [...extraPath, guardDir, process.env['PATH'] ?? ''].join(':'),
    GUARD_LOG: guardLog,
  };
}

async function install(args: readonly string[], extraPath: readonly string[] = []): Promise<Run> {
  return run('bash', [INSTALL, ...args], { env: env(extraPath), cwd: work });
}

async function packageAgent(version: string, deps = true): Promise<Run> {
  const agent = join(work, `agent-${version}`);
  await fakeAgent(agent, version);
  return run(
    'bash',
    [
      PACKAGE,
      '--dist',
      join(agent, 'dist'),
      '--bin',
      join(agent, 'bin'),
      '--version',
      version,
      '--out',
      join(work, 'packages'),
      deps ? '--offline' : '--no-deps',
    ],
    { cwd: REPO },
  );
}

/** A directory holding fake commands, prepended to PATH by a test. */
async function fakeBin(name: string, commands: Record<string, string>): Promise<string> {
  const dir = join(work, 'fake', name);
  await mkdir(dir, { recursive: true });
  for (const [cmd, body] of Object.entries(commands)) await script(join(dir, cmd), body);
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'naap-install-'));
  guardDir = join(work, 'guard');
  guardLog = join(work, 'guard.log');
  await mkdir(guardDir);
  for (const cmd of GUARDED) {
    await script(join(guardDir, cmd), 'echo "$(basename "$0") $*" >>"$GUARD_LOG"\nexit 97');
  }
  nodePath = (await run('bash', ['-c', 'command -v node'])).stdout.trim();

  await ensureOtelBuilt();
  for (const [version, deps] of [
    [V1, true],
    [V2, false],
    [LIGHT, false],
  ] as const) {
    const r = await packageAgent(version, deps);
    if (r.code !== 0) throw new Error(`package.sh failed:\n${r.stdout}\n${r.stderr}`);
  }
  tarV1 = join(work, 'packages', `naap-agent-${V1}.tar.gz`);
  tarV2 = join(work, 'packages', `naap-agent-${V2}.tar.gz`);
  tarLight = join(work, 'packages', `naap-agent-${LIGHT}.tar.gz`);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('agent/scripts/package.sh', () => {
  it('packages the agent, its production node_modules, the installer and the templates', async () => {
    const list = (await run('tar', ['-tzf', tarV1])).stdout.split('\n');
    const top = `naap-agent-${V1}/`;
    expect(list.every((entry) => entry === '' || entry.startsWith(top))).toBe(true);
    for (const file of [
      'VERSION',
      'SHA256SUMS',
      'package.json',
      'install.sh',
      'bin/naap-agent.js',
      'dist/main.js',
      'packaging/naap-agent.service',
      'packaging/agent.env',
      'packaging/naap-agent-launcher.sh',
      'node_modules/@naap/otel',
      'node_modules/pino',
    ]) {
      expect(list, file).toContain(top + file);
    }
    // Dev dependencies stay out; workspace packages come compiled.
    expect(list.some((e) => e.includes('node_modules/vitest'))).toBe(false);
    expect(list.some((e) => e.includes('node_modules/.bin/'))).toBe(false);
    expect(list.some((e) => /@naap\/otel\/dist\/index\.js$/.test(e))).toBe(true);
    expect(list.some((e) => /@naap\/otel\/src\//.test(e))).toBe(false);

    const sidecar = await readFile(`${tarV1}.sha256`, 'utf8');
    expect(sidecar).toBe(`${await sha256(tarV1)}  naap-agent-${V1}.tar.gz\n`);
  });

  it('fails clearly when there is no compiled agent', async () => {
    const empty = join(work, 'empty-dist');
    await mkdir(empty, { recursive: true });
    const r = await run('bash', [PACKAGE, '--dist', empty, '--out', join(work, 'unused')], {
      cwd: REPO,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no compiled agent');
    expect(r.stderr).toContain('main.js is missing');
    expect(existsSync(join(work, 'unused'))).toBe(false);
  });
});

describe('install.sh: install, re-run, upgrade, uninstall', () => {
  let root: string;
  const at = (path: string) => join(root, path);

  beforeAll(() => {
    root = join(work, 'root');
  });

  it('prints its usage with --help, and rejects unknown options', async () => {
    const help = await install(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--from', '--prefix', '--dry-run', '--uninstall', '--purge', '--docker'])
      expect(help.stdout).toContain(flag);

    const bad = await install(['--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown option: --frobnicate');
  });

  it('installs a package into a staging root', async () => {
    const r = await install(['--prefix', root, '--from', tarV1]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);

    expect(
      await listFiles(root).then((f) => f.filter((p) => !p.startsWith('opt/naap-agent/0'))),
    ).toEqual([
      'etc/naap-agent/agent.env',
      'etc/naap-agent/agent.env.example',
      'etc/systemd/system/naap-agent.service',
      'opt/naap-agent/current',
      'usr/local/bin/naap-agent',
    ]);

    // The package, unpacked as it was built.
    const pkg = at(`opt/naap-agent/${V1}`);
    expect(await readFile(join(pkg, 'VERSION'), 'utf8')).toBe(`${V1}\n`);
    for (const f of ['bin/naap-agent.js', 'dist/main.js', 'install.sh', 'SHA256SUMS'])
      expect(existsSync(join(pkg, f)), f).toBe(true);
    expect(existsSync(join(pkg, 'node_modules/@naap/otel/dist/index.js'))).toBe(true);
    expect(await readlink(at('opt/naap-agent/current'))).toBe(V1);

    // Launcher.
    const launcher = await readFile(at('usr/local/bin/naap-agent'), 'utf8');
    expect(await modeOf(at('usr/local/bin/naap-agent'))).toBe(0o755);
    expect(launcher).toContain(`node_default='${nodePath}'`);
    expect(launcher).toContain('Managed by naap-agent install.sh');

    // Configuration: the template, readable by root only.
    const template = await readFile(join(PACKAGING, 'agent.env'), 'utf8');
    expect(await readFile(at('etc/naap-agent/agent.env'), 'utf8')).toBe(template);
    expect(await modeOf(at('etc/naap-agent/agent.env'))).toBe(0o600);
    expect(await readFile(at('etc/naap-agent/agent.env.example'), 'utf8')).toBe(template);
    expect(await modeOf(at('etc/naap-agent/agent.env.example'))).toBe(0o644);
    expect(await modeOf(at('var/lib/naap-agent'))).toBe(0o750);

    // The unit: hardened, with GPU access kept.
    const unit = await readFile(at('etc/systemd/system/naap-agent.service'), 'utf8');
    expect(await modeOf(at('etc/systemd/system/naap-agent.service'))).toBe(0o644);
    for (const line of [
      'User=naap-agent',
      'Group=naap-agent',
      'SupplementaryGroups=video',
      'EnvironmentFile=/etc/naap-agent/agent.env',
      'ExecStart=/usr/local/bin/naap-agent run',
      'Restart=always',
      'NoNewPrivileges=yes',
      'CapabilityBoundingSet=',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/naap-agent',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'DevicePolicy=closed',
      'DeviceAllow=char-nvidia* rw',
      'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK',
      'WantedBy=multi-user.target',
    ]) {
      expect(unit.split('\n'), line).toContain(line);
    }
    expect(unit).not.toMatch(/^PrivateDevices=/m);
    expect(unit).not.toMatch(/^PrivateUsers=/m);
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=/m);
    expect(unit).not.toMatch(/@[A-Z_]+@/);

    // What it would have done on a real host, and what to do next.
    expect(r.stdout).toContain('skipped (staging root), on the host: useradd --system');
    expect(r.stdout).toContain('skipped (staging root), on the host: systemctl daemon-reload');
    for (const step of [
      '/etc/naap-agent/agent.env',
      'naap-agent enroll',
      'naap-agent doctor',
      'systemctl enable --now naap-agent',
    ])
      expect(r.stdout).toContain(step);
  });

  it('the launcher runs the installed agent with its bundled dependencies', async () => {
    const launcher = at('usr/local/bin/naap-agent');
    const version = await run(launcher, ['--version'], { cwd: tmpdir() });
    expect(version).toMatchObject({ code: 0, stdout: `naap-agent ${V1}` });
    const help = await run(launcher, ['--help'], { cwd: tmpdir() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: naap-agent');

    const probe = await run(launcher, ['env'], { cwd: tmpdir(), env: { PATH: '/usr/bin:/bin' } });
    expect(probe.code).toBe(0);
    const seen = JSON.parse(probe.stdout) as { otel: number; pino: string };
    expect(seen.otel).toBeGreaterThan(0);
    expect(seen.pino).toBe('function');
  });

  it('the launcher loads agent.env for shell use; the environment wins', async () => {
    await appendFile(
      at('etc/naap-agent/agent.env'),
      'NAAP_AGENT_REGION="eu-west"\nNAAP_AGENT_COLLECTOR=http://127.0.0.1:4318\n',
    );
    const launcher = at('usr/local/bin/naap-agent');
    const read = async (extra: Record<string, string>) => {
      const r = await run(launcher, ['env'], { cwd: tmpdir(), env: extra });
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { settings: Record<string, string> }).settings;
    };
    expect(await read({})).toMatchObject({
      NAAP_AGENT_REGION: 'eu-west',
      NAAP_AGENT_COLLECTOR: 'http://127.0.0.1:4318',
    });
    expect(await read({ NAAP_AGENT_REGION: 'us-east' })).toMatchObject({
      NAAP_AGENT_REGION: 'us-east',
    });
  });

  it('a re-run changes nothing and keeps the edits of agent.env', async () => {
    const edited = await readFile(at('etc/naap-agent/agent.env'), 'utf8');
    const before = await snapshot(root);
    const r = await install(['--prefix', root, '--from', tarV1]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`naap-agent ${V1} is installed: nothing changed.`);
    expect(await snapshot(root)).toEqual(before);
    expect(await readFile(at('etc/naap-agent/agent.env'), 'utf8')).toBe(edited);

    const unit = await readFile(at('etc/systemd/system/naap-agent.service'), 'utf8');
    const settings = unit.split('\n').filter((l) => /^[A-Za-z]+=/.test(l));
    expect(new Set(settings).size).toBe(settings.length);
  });

  it('a re-run puts back a changed file of the package, and the mode of agent.env', async () => {
    const main = at(`opt/naap-agent/${V1}/dist/main.js`);
    await appendFile(main, '// tampered\n');
    await run('chmod', ['0644', at('etc/naap-agent/agent.env')]);
    const r = await install(['--prefix', root, '--from', tarV1]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/install +.*\/opt\/naap-agent\/0\.1\.0\//);
    expect(await readFile(main, 'utf8')).not.toContain('tampered');
    expect(await modeOf(at('etc/naap-agent/agent.env'))).toBe(0o600);
    expect(await readFile(at('etc/naap-agent/agent.env'), 'utf8')).toContain('eu-west');
  });

  it('--dry-run on an installed root shows the upgrade and writes nothing', async () => {
    const before = await snapshot(root);
    const r = await install(['--prefix', root, '--from', tarV2, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run');
    expect(r.stdout).toMatch(/would install +.*\/opt\/naap-agent\/0\.2\.0\//);
    expect(r.stdout).toMatch(/would link +.*current -> 0\.2\.0/);
    expect(await snapshot(root)).toEqual(before);
  });

  it('upgrades: current moves to the new version, agent.env is kept, old versions pruned', async () => {
    const edited = await readFile(at('etc/naap-agent/agent.env'), 'utf8');
    await mkdir(at('opt/naap-agent/0.0.1'));
    const r = await install(['--prefix', root, '--from', tarV2]);
    expect(r.code).toBe(0);
    expect(await readlink(at('opt/naap-agent/current'))).toBe(V2);
    const version = await run(at('usr/local/bin/naap-agent'), ['--version']);
    expect(version.stdout).toBe(`naap-agent ${V2}`);
    expect(await readFile(at('etc/naap-agent/agent.env'), 'utf8')).toBe(edited);
    // The previous version stays for a rollback; older ones go.
    expect(existsSync(at(`opt/naap-agent/${V1}`))).toBe(true);
    expect(existsSync(at('opt/naap-agent/0.0.1'))).toBe(false);

    // Rolling back reuses the version still on disk.
    const back = await install(['--prefix', root, '--from', tarV1]);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/unchanged +.*\/opt\/naap-agent\/0\.1\.0\//);
    expect(await readlink(at('opt/naap-agent/current'))).toBe(V1);
    const again = await install(['--prefix', root, '--from', tarV2]);
    expect(again.code).toBe(0);
    expect(await readlink(at('opt/naap-agent/current'))).toBe(V2);
  });

  it('--uninstall --dry-run writes nothing', async () => {
    const before = await snapshot(root);
    const r = await install(['--prefix', root, '--uninstall', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would remove +.*\/opt\/naap-agent\//);
    expect(await snapshot(root)).toEqual(before);
  });

  it('--uninstall (by the installed copy) removes everything but agent.env', async () => {
    const edited = await readFile(at('etc/naap-agent/agent.env'), 'utf8');
    const installed = at('opt/naap-agent/current/install.sh');
    const r = await run('bash', [installed, '--prefix', root, '--uninstall'], { env: env() });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped (staging root), on the host: systemctl disable --now');
    expect(await listFiles(root)).toEqual(['etc/naap-agent/agent.env']);
    expect(await readFile(at('etc/naap-agent/agent.env'), 'utf8')).toBe(edited);

    const again = await install(['--prefix', root, '--uninstall']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to remove');
  });

  it('--purge removes the configuration too', async () => {
    const r = await install(['--prefix', root, '--purge']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped (staging root), on the host: userdel naap-agent');
    expect(await listFiles(root)).toEqual([]);
  });
});

describe('install.sh: groups', () => {
  it('video by default; render when present; --docker / --journal kept until --no-*', async () => {
    const root = join(work, 'root-groups');
    const unitGroups = async () => {
      const unit = await readFile(join(root, 'etc/systemd/system/naap-agent.service'), 'utf8');
      return /^SupplementaryGroups=(.*)$/m.exec(unit)?.[1];
    };
    // A staging root with its own accounts database: groups are looked up there.
    await mkdir(join(root, 'etc'), { recursive: true });
    await writeFile(join(root, 'etc/group'), 'video:x:44:\nrender:x:105:\ndocker:x:998:\n');

    const first = await install(['--prefix', root, '--from', tarLight, '--docker']);
    expect(first.code).toBe(0);
    expect(await unitGroups()).toBe('video render docker');
    expect(first.stdout).toContain('--groups video,render,docker naap-agent');

    const kept = await install(['--prefix', root, '--from', tarLight]);
    expect(kept.stdout).toContain('nothing changed');
    expect(await unitGroups()).toBe('video render docker');

    const journal = await install(['--prefix', root, '--from', tarLight, '--journal']);
    expect(journal.code).toBe(1);
    expect(journal.stderr).toContain('no systemd-journal group');

    const dropped = await install(['--prefix', root, '--from', tarLight, '--no-docker']);
    expect(dropped.code).toBe(0);
    expect(await unitGroups()).toBe('video render');
  });
});

describe('install.sh: refusals', () => {
  const fresh = (name: string) => {
    const root = join(work, name);
    return {
      root,
      untouched: () => {
        expect(existsSync(root)).toBe(false);
      },
    };
  };

  it('--dry-run on a fresh root writes nothing', async () => {
    const { root, untouched } = fresh('root-dry');
    const r = await install(['--prefix', root, '--from', tarLight, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would install +.*\/opt\/naap-agent\/0\.9\.0\//);
    expect(r.stdout).toMatch(/would create +.*agent\.env \(mode 0600\)/);
    untouched();
  });

  it('refuses a package whose files do not match SHA256SUMS, holds unlisted ones or links out', async () => {
    const { root, untouched } = fresh('root-corrupt');
    const unpacked = join(work, 'corrupt');
    await mkdir(unpacked, { recursive: true });
    await run('tar', ['-xzf', tarLight, '-C', unpacked]);
    const dir = join(unpacked, `naap-agent-${LIGHT}`);
    const bad = join(work, 'bad', `naap-agent-${LIGHT}.tar.gz`);
    await mkdir(join(work, 'bad'), { recursive: true });

    await appendFile(join(dir, 'dist/main.js'), 'process.exit(1);\n');
    await run('tar', ['-czf', bad, '-C', unpacked, `naap-agent-${LIGHT}`]);
    const modified = await install(['--prefix', root, '--from', bad]);
    expect(modified.code).toBe(1);
    expect(modified.stderr).toContain('integrity check failed');
    expect(modified.stderr).toContain('dist/main.js: FAILED');
    untouched();

    await cp(INSTALL, join(dir, 'dist/extra.js'));
    await run('tar', ['-xzf', tarLight, '-C', unpacked, `naap-agent-${LIGHT}/dist/main.js`]);
    await run('tar', ['-czf', bad, '-C', unpacked, `naap-agent-${LIGHT}`]);
    const extra = await install(['--prefix', root, '--from', bad]);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toContain('files that SHA256SUMS does not list');
    expect(extra.stderr).toContain('dist/extra.js');
    untouched();

    await rm(join(dir, 'dist/extra.js'));
    await symlink('/etc/passwd', join(dir, 'dist/escape'));
    await run('tar', ['-czf', bad, '-C', unpacked, `naap-agent-${LIGHT}`]);
    const link = await install(['--prefix', root, '--from', bad]);
    expect(link.code).toBe(1);
    expect(link.stderr).toContain('symbolic link leading outside it (to /etc/passwd)');
    untouched();
  });

  it('refuses a tarball that does not match the .sha256 beside it, or is truncated', async () => {
    const { root, untouched } = fresh('root-sidecar');
    const dir = join(work, 'sidecar');
    await mkdir(dir, { recursive: true });
    const copy = join(dir, `naap-agent-${LIGHT}.tar.gz`);
    await cp(tarLight, copy);
    await writeFile(`${copy}.sha256`, `${'0'.repeat(64)}  naap-agent-${LIGHT}.tar.gz\n`);
    const mismatch = await install(['--prefix', root, '--from', copy]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('checksum mismatch');
    untouched();

    await rm(`${copy}.sha256`);
    await truncate(copy, Math.floor((await stat(copy)).size / 2));
    const truncated = await install(['--prefix', root, '--from', copy]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain('cannot unpack');
    untouched();

    const missing = await install(['--prefix', root, '--from', join(dir, 'nope.tar.gz')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });

  it('requires Node.js 20.19 or newer', async () => {
    const { root, untouched } = fresh('root-node');
    // The Node.js check comes first; a Node.js it accepts gets as far as the
    // (missing) package.
    const none = join(work, 'none.tar.gz');
    const node = async (version: string) =>
      fakeBin(`node-${version}`, { node: `echo ${version}` }).then((dir) =>
        install(['--prefix', root, '--from', none], [dir]),
      );
    const refused = (r: Run) => r.code === 1 && r.stderr.includes('or newer is required');
    const accepted = (r: Run) => r.code === 1 && r.stderr.includes(`--from ${none}: no such file`);

    const old = await node('v18.19.1');
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('Node.js 20.19 or newer is required');
    expect(old.stderr).toContain('v18.19.1');
    expect(refused(await node('v20.18.3'))).toBe(true);
    expect(accepted(await node('v20.19.0'))).toBe(true);
    expect(accepted(await node('v22.1.0'))).toBe(true);

    const missing = await install([
      '--prefix',
      root,
      '--from',
      tarLight,
      '--node',
      '/nonexistent/node',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Node.js not found at /nonexistent/node');
    untouched();
  });

  it('refuses to run on a system other than Linux', async () => {
    const { root, untouched } = fresh('root-os');
    const dir = await fakeBin('darwin', { uname: 'echo Darwin' });
    const r = await install(['--prefix', root, '--from', tarLight], [dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Linux GPU hosts only; this is Darwin');
    untouched();
  });

  // Without --prefix the target is the real root: these run against a tarball that
  // does not exist, so that nothing could be installed even if a check let them by.
  it('refuses to install into / without root', async () => {
    const dir = await fakeBin('user', { id: 'echo 1000' });
    const r = await install(['--from', join(work, 'none.tar.gz')], [dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('must run as root');
    expect(r.stderr).toContain('--prefix DIR');
  });

  it.skipIf(existsSync('/run/systemd/system'))('refuses to install without systemd', async () => {
    const dir = await fakeBin('root', { id: 'echo 0' });
    const r = await install(['--from', join(work, 'none.tar.gz')], [dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('systemd is not running on this host');
  });
});

describe('install.sh: where the package comes from', () => {
  it('in a checkout, without --from: dist/naap-agent-<version>.tar.gz, or what to run', async () => {
    const checkout = join(work, 'checkout');
    await mkdir(join(checkout, 'agent'), { recursive: true });
    await cp(INSTALL, join(checkout, 'install.sh'));
    const manifest = { name: '@naap/agent', version: LIGHT };
    await writeFile(join(checkout, 'agent/package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const root = join(work, 'root-checkout');
    const installer = join(checkout, 'install.sh');

    const missing = await run('bash', [installer, '--prefix', root], { env: env() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`dist/naap-agent-${LIGHT}.tar.gz does not exist`);
    expect(missing.stderr).toContain('bash agent/scripts/package.sh');
    expect(existsSync(root)).toBe(false);

    await mkdir(join(checkout, 'dist'));
    await cp(tarLight, join(checkout, 'dist', `naap-agent-${LIGHT}.tar.gz`));
    const r = await run('bash', [installer, '--prefix', root], { env: env() });
    expect(r.code).toBe(0);
    expect(await readlink(join(root, 'opt/naap-agent/current'))).toBe(LIGHT);
  });

  it('inside an unpacked package, without --from: that package', async () => {
    const dir = join(work, 'unpacked');
    await mkdir(dir, { recursive: true });
    await run('tar', ['-xzf', tarLight, '-C', dir]);
    const pkg = join(dir, `naap-agent-${LIGHT}`);
    const root = join(work, 'root-unpacked');
    const r = await run('bash', [join(pkg, 'install.sh'), '--prefix', root], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`package  naap-agent ${LIGHT} (${pkg}, SHA256SUMS verified)`);
    expect(await readFile(join(root, `opt/naap-agent/${LIGHT}/VERSION`), 'utf8')).toBe(
      `${LIGHT}\n`,
    );
    // The package it ran from is left as it was.
    expect(existsSync(join(pkg, 'dist/main.js'))).toBe(true);
  });
});

const has = async (cmd: string) => (await run('bash', ['-c', `command -v ${cmd}`])).code === 0;
const shellcheck = await has('shellcheck');
const analyze = await has('systemd-analyze');

describe('static checks', () => {
  it.skipIf(!shellcheck)('install.sh and the packaging scripts pass shellcheck', async () => {
    const r = await run(
      'bash',
      ['-c', 'shellcheck install.sh agent/scripts/*.sh agent/packaging/*.sh'],
      { cwd: REPO },
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.skipIf(!analyze)('the unit passes systemd-analyze verify', async () => {
    // The unit as installed, except for a command that exists on this machine.
    const unit = (await readFile(join(PACKAGING, 'naap-agent.service'), 'utf8'))
      .replace('@SUPPLEMENTARY_GROUPS@', 'video')
      .replace(/^ExecStart=.*$/m, 'ExecStart=/bin/true run');
    const dir = join(work, 'unit');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'naap-agent.service'), unit);
    const r = await run('systemd-analyze', ['verify', join(dir, 'naap-agent.service')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('staging roots', () => {
  it('never ran systemctl, useradd or another host-changing command', async () => {
    expect(existsSync(guardLog) ? await readFile(guardLog, 'utf8') : '').toBe('');
  });
});
