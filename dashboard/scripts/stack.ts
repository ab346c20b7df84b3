/**
 * Starts the whole system with a simulated network and the built dashboard,
 * prints where it is, and runs until Ctrl-C: for looking at the dashboard
 * with real data.
 *
 *   pnpm --filter @naap/dashboard build
 *   node --conditions=@naap/source --import tsx dashboard/scripts/stack.ts [--history 6h] [--port 5173]
 */
import { parseArgs } from 'node:util';
import { startStack } from '../test/stack.js';

const { values } = parseArgs({
  options: { history: { type: 'string', default: '6h' }, port: { type: 'string' } },
});
const stack = await startStack({
  history: values.history,
  dashboard: true,
  ...(values.port === undefined ? {} : { dashboardPort: Number(values.port) }),
});
console.log(
  `collector  ${stack.collectorUrl}\ndashboard  ${stack.dashboardUrl}\nlive agent ${stack.liveAddress}`,
);
const stop = (): void => {
  void stack.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
