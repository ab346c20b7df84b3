// Source entry of naap-collector, for running without a build:
//   node --conditions=@naap/source --import tsx collector/src/bin.ts …
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), process.env);
