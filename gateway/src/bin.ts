// Source entry of naap-gateway, for running without a build:
//   node --conditions=@naap/source --import tsx gateway/src/bin.ts …
import { main } from './main.js';

const code = await main(process.argv.slice(2), process.env);
// Exit explicitly: a keep-alive socket of the last job must not keep a stopped runner alive.
process.exit(code);
