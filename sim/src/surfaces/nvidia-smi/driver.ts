/**
 * What the simulated hosts' NVIDIA driver reports about itself. The versions
 * are those of the real H100/H200 captures in
 * `shared/fixtures/nvidia-smi/nvidia_gpu_exporter/` (driver 590.48.01, CUDA 13.1).
 */
export const DRIVER_VERSION = '590.48.01';
export const NVML_VERSION = '590.48';
export const CUDA_VERSION = '13.1';

/** The not-available sentinel of modern drivers in CSV output. */
export const NA = '[N/A]';

/** Every NVML clocks-event reason bit this driver supports (0x1FF on the captures). */
export const SUPPORTED_EVENT_REASONS = 0x1ff;
