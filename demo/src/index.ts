export { loadDemoConfig, REPO_ROOT, type DemoConfig } from './config.js';
export { startDemo, type RunningDemo, type DemoIo } from './demo.js';
export { main } from './main.js';
