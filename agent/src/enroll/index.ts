// `naap-agent enroll`: the orchestrator's key (through go-livepeer, or any
// wallet) signs a collector challenge; the agent stores the token it gets.
export { ENROLL_HELP, ENROLL_NEEDS_SIGNATURE, enrollCommand, type EnrollIo } from './command.js';
export { readTokenFile, writeTokenFile } from './token-file.js';
