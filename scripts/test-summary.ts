// Prints the plain one-line summary of a Vitest JSON report
// ("tests: N passed, N failed[, N skipped]") and writes it to a file, so
// CI can repeat it as its last line. Exits non-zero when the report is
// missing or unreadable.
import { readFile, writeFile } from 'node:fs/promises';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

function isReport(value: unknown): value is VitestJsonReport {
  if (typeof value !== 'object' || value === null) return false;
  const keys = ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'];
  return keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'number');
}

export function summaryLine(report: VitestJsonReport): string {
  const skipped = report.numPendingTests + report.numTodoTests;
  const base = `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed`;
  return skipped > 0 ? `${base}, ${skipped} skipped` : base;
}

async function main(): Promise<number> {
  const [input, output] = process.argv.slice(2);
  if (input === undefined) {
    console.error('usage: test-summary <vitest-report.json> [summary.txt]');
    return 2;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(input, 'utf8'));
  } catch (err) {
    console.error(`test-summary: cannot read ${input}: ${(err as Error).message}`);
    return 1;
  }
  if (!isReport(parsed)) {
    console.error(`test-summary: ${input} is not a Vitest JSON report`);
    return 1;
  }
  const line = summaryLine(parsed);
  if (output !== undefined) await writeFile(output, `${line}\n`);
  console.log(line);
  return 0;
}

process.exitCode = await main();
