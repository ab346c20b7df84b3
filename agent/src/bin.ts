// Source entry of naap-agent, for running without a build:
//   node --conditions=@naap/source --import tsx agent/src/bin.ts …
import { main } from './main.js';

const code = await main(process.argv.slice(2), process.env);
// Exit explicitly: a sampler's last child process or socket must not keep a stopped agent alive.
process.exit(code);
