import type { DatasetDefinition } from '../generate/write.js';
import { V1 } from './v1/index.js';

/** Every published dataset version, oldest first; each stays reproducible. */
export const DATASET_VERSIONS: readonly DatasetDefinition[] = [V1];
