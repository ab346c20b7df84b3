import { COMPUTE_APP_FIELDS } from './app-fields.js';
import type { QueryKind } from './args.js';
import { CUDA_VERSION, DRIVER_VERSION, NVML_VERSION } from './driver.js';
import { GPU_FIELDS } from './gpu-fields.js';

/** `nvidia-smi --version`, laid out as the driver 590 captures show it. */
export const VERSION_TEXT =
  `NVIDIA-SMI version  : ${DRIVER_VERSION}\n` +
  `NVML version        : ${NVML_VERSION}\n` +
  `DRIVER version      : ${DRIVER_VERSION}\n` +
  `CUDA Version        : ${CUDA_VERSION}\n`;

/** `nvidia-smi -h`: the real usage text, cut to the options the simulator implements. */
export const HELP_TEXT = `NVIDIA System Management Interface -- v${DRIVER_VERSION}

NVSMI provides monitoring information for Tesla and select Quadro devices.
This is the NaaP simulator's imitation: it reports one simulated host.

nvidia-smi [OPTION1 [ARG1]] [OPTION2 [ARG2]] ...

    -h,   --help                Print usage information and exit.

          --version             Print version information and exit.

  LIST OPTIONS:

    -L,   --list-gpus           Display a list of GPUs connected to the system.

  SELECTIVE QUERY OPTIONS:

    Allows the caller to pass an explicit list of properties to query.

    [one of]

    --query-gpu                 Information about GPU.
                                Call --help-query-gpu for more info.
    --query-compute-apps        List of currently active compute processes.
                                Call --help-query-compute-apps for more info.

    [mandatory]

    --format=                   Comma separated list of format options:
                                  csv - comma separated values (MANDATORY)
                                  noheader - skip the first line with column headers
                                  nounits - don't print units for numerical
                                             values

    [plus any of]

    -i,   --id=                 Target a specific GPU or Unit.
    -l,   --loop=               Probe until Ctrl+C at specified second interval.
    -lms, --loop-ms=            Probe until Ctrl+C at specified millisecond interval.

  SIMULATOR OPTIONS:

          --sim-host-file=      The simulated host (naap-sim host.json); default:
                                the NAAP_SIM_HOST_FILE environment variable.

Please see the nvidia-smi(1) manual page for more detailed information.
`;

/** `--help-query-gpu` / `--help-query-compute-apps`: the properties the simulator accepts. */
export function helpQueryText(what: QueryKind): string {
  const fields = what === 'gpu' ? GPU_FIELDS : COMPUTE_APP_FIELDS;
  const lines = fields.map((f) => `${[f.name, ...f.aliases].map((n) => `"${n}"`).join(' or ')}\n`);
  return `List of valid properties to query for the switch "--query-${what}":\n\n${lines.join('\n')}`;
}
