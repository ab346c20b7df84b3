// Source entry of naap-sim, for running without a build:
//   node --conditions=@naap/source --import tsx sim/src/cli/bin.ts …
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), process.env);
