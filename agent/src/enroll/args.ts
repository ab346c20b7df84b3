/** The flags only `naap-agent enroll` takes; the rest are the agent's settings. */
export interface EnrollArgs {
  readonly signature: string | undefined;
  readonly rest: readonly string[];
}

export function splitEnrollArgs(argv: readonly string[]): EnrollArgs {
  const rest: string[] = [];
  let signature: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--signature') signature = argv[++i] ?? '';
    else if (arg.startsWith('--signature=')) signature = arg.slice('--signature='.length);
    else rest.push(arg);
  }
  return { signature, rest };
}

/** A token name from the host name: what the collector accepts ([\w.@:-], 1–64). */
export function tokenName(hostName: string): string {
  const name = hostName.replace(/[^\w.@:-]/g, '-').slice(0, 64);
  return name === '' ? 'agent' : name;
}
