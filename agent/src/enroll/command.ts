import { ConfigError } from '@naap/otel/config';
import { loadAgentConfig } from '../config/resolve.js';
import type { AgentConfig } from '../config/types.js';
import { fetchIdentity } from '../samplers/go-livepeer-metrics/identity.js';
import { splitEnrollArgs, tokenName } from './args.js';
import { requestChallenge, submitEnrollment, type Challenge } from './collector-client.js';
import { signWithGoLivepeer } from './go-livepeer-signer.js';
import { reason } from './http.js';
import { readTokenFile, writeTokenFile } from './token-file.js';

export interface EnrollIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 enrolled, 1 refused or unreachable, 2 usage, 3 the challenge needs a wallet signature. */
export const ENROLL_NEEDS_SIGNATURE = 3;

export const ENROLL_HELP = `naap-agent enroll — prove this host runs beside the orchestrator and get its token

  naap-agent enroll [flags]                      go-livepeer (--go-livepeer-cli) signs the challenge
  naap-agent enroll --signature 0x… [flags]      a signature made with any wallet

The agent asks the collector (--collector) for a challenge naming the
orchestrator address (--address, or go-livepeer's /orchestratorInfo) and has
go-livepeer sign it (POST /signMessage, EIP-191: the key never leaves the
node). Without a go-livepeer that can sign for the address, it prints the
challenge: sign it with the orchestrator's wallet (personal_sign) and run
enroll again with --signature within the challenge's lifetime. The token is
written to --token-file (mode 0600).
`;

async function orchestratorAddress(config: AgentConfig): Promise<string | undefined> {
  if (config.identity.address !== undefined) return config.identity.address;
  if (config.goLivepeer.cliUrl === undefined) return undefined;
  const found = await fetchIdentity(config.goLivepeer.cliUrl, config.goLivepeer.timeoutMs);
  return found.address;
}

function printChallenge(io: EnrollIo, c: Challenge, why: string): number {
  io.err(`go-livepeer could not sign the challenge: ${why}\n`);
  io.out(
    [
      "Sign this message with the orchestrator's key (EIP-191 personal_sign: a wallet's",
      '"sign message", or `cast wallet sign`), exactly as printed between the lines, then',
      `before ${c.expiresAt} run:  naap-agent enroll --signature 0x…`,
      '-----BEGIN MESSAGE-----',
      c.message,
      '-----END MESSAGE-----',
      '',
    ].join('\n'),
  );
  return ENROLL_NEEDS_SIGNATURE;
}

/** A signature for a new challenge from go-livepeer, or the exit code after printing the challenge. */
async function signedChallenge(
  config: AgentConfig,
  address: string,
  io: EnrollIo,
): Promise<{ signature: string } | { code: number }> {
  const challenge = await requestChallenge(config.collector, address);
  if (!challenge.ok) {
    io.err(
      `naap-agent enroll: the collector refused a challenge (${challenge.code}): ${challenge.detail}\n`,
    );
    return { code: 1 };
  }
  const cli = config.goLivepeer.cliUrl;
  if (cli === undefined)
    return { code: printChallenge(io, challenge.value, 'no go-livepeer CLI configured') };
  const signed = await signWithGoLivepeer(
    cli,
    challenge.value.message,
    config.goLivepeer.timeoutMs,
  );
  if (!signed.ok) return { code: printChallenge(io, challenge.value, signed.reason) };
  if (signed.signer !== address)
    return {
      code: printChallenge(
        io,
        challenge.value,
        `its account ${signed.signer} is not the orchestrator address ${address} (-ethOrchAddr?)`,
      ),
    };
  return { signature: signed.signature };
}

async function enroll(
  config: AgentConfig,
  given: string | undefined,
  io: EnrollIo,
): Promise<number> {
  const address = await orchestratorAddress(config);
  if (address === undefined) {
    io.err(
      'naap-agent enroll: unknown orchestrator address: set --address (NAAP_AGENT_ADDRESS) or --go-livepeer-cli\n',
    );
    return 2;
  }
  const file = config.tokenFile;
  if (file === undefined) {
    io.err('naap-agent enroll: --token-file is empty: say where to store the token\n');
    return 2;
  }
  const signed =
    given === undefined ? await signedChallenge(config, address, io) : { signature: given };
  if ('code' in signed) return signed.code;
  const name = tokenName(config.identity.hostName);
  const result = await submitEnrollment(config.collector, {
    address,
    signature: signed.signature,
    name,
  });
  if (!result.ok) {
    io.err(`naap-agent enroll: the collector refused (${result.code}): ${result.detail}\n`);
    return 1;
  }
  const previous = await readTokenFile(file).catch(() => undefined);
  // A token set by flag or environment (not read from the file) would hide the new one.
  const overridden = config.token !== undefined && config.token !== previous;
  try {
    await writeTokenFile(file, result.value.token);
  } catch (err) {
    io.err(
      `naap-agent enroll: enrolled, but cannot write ${file}: ${reason(err)} (run as root, or set --token-file)\n`,
    );
    return 1;
  }
  io.out(
    [
      `Enrolled ${address} with ${config.collector} as "${name}" (token ${result.value.id}).`,
      `The token is in ${file} (mode 0600); the agent reads it at start.`,
      ...(overridden
        ? ['NAAP_AGENT_TOKEN / --token is set and takes precedence over the file: remove it.']
        : []),
      'Next:',
      '  sudo naap-agent doctor                 check every source and the collector',
      '  sudo systemctl restart naap-agent      export with the new token',
      '',
    ].join('\n'),
  );
  return 0;
}

/** `naap-agent enroll [--signature 0x…] [flags]`; returns the exit code. */
export async function enrollCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: EnrollIo,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(ENROLL_HELP);
    return 0;
  }
  const { signature, rest } = splitEnrollArgs(argv);
  let config: AgentConfig;
  try {
    if (signature !== undefined && !/^(0x)?[0-9a-fA-F]{130}$/.test(signature.trim()))
      throw new ConfigError('--signature must be 65 bytes as hex (0x + 130 hex digits)');
    config = await loadAgentConfig(rest, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`naap-agent enroll: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return enroll(config, signature?.trim(), io);
}
