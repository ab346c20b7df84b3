// Enrollment: an orchestrator proves control of its address with an EIP-191
// signature of a collector challenge and receives an agent token bound to it.
export { enrollOptions, enrollPlugin, type EnrollOptions } from './routes.js';
export { challengeMessage } from './message.js';
