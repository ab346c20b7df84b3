/** nvidia-smi's exit codes (man page, RETURN VALUE). */
export const EXIT = {
  ok: 0,
  /** A supplied argument or flag is invalid. */
  invalidArgument: 2,
  /** A query to find an object was unsuccessful. */
  notFound: 6,
  /** NVIDIA driver is not loaded: here, the simulated host cannot be read. */
  driverNotLoaded: 9,
} as const;

/**
 * A failure nvidia-smi reports: the text it prints on stdout (real nvidia-smi
 * writes its errors there) and its exit code; `detail` goes to stderr and
 * says what the simulator could not do.
 */
export class SmiError extends Error {
  constructor(
    readonly stdout: string,
    readonly exitCode: number,
    readonly detail?: string,
  ) {
    super(stdout.trim());
    this.name = 'SmiError';
  }
}

const HELP_HINT = "Please run 'nvidia-smi -h' for help.";

export const invalidCombination = (): SmiError =>
  new SmiError(`Invalid combination of input arguments. ${HELP_HINT}\n\n`, EXIT.invalidArgument);

export const unrecognizedOption = (option: string): SmiError =>
  new SmiError(`ERROR: Option ${option} is not recognized. ${HELP_HINT}\n\n`, EXIT.invalidArgument);

export const missingValue = (option: string): SmiError =>
  new SmiError(
    `ERROR: Option ${option} is missing its value. ${HELP_HINT}\n\n`,
    EXIT.invalidArgument,
  );

export const formatMissing = (): SmiError =>
  new SmiError(`"--format=" switch is missing. ${HELP_HINT}\n\n`, EXIT.invalidArgument);

export const onlyOneQuery = (): SmiError =>
  new SmiError('Only one --query-* switch can be used at a time.\n\n', EXIT.invalidArgument);

export const invalidField = (name: string): SmiError =>
  new SmiError(`Field "${name}" is not a valid field to query.\n\n`, EXIT.invalidArgument);

export const noDevices = (): SmiError => new SmiError('No devices were found\n', EXIT.notFound);

/** The simulated host is unusable: what a real host without a working driver prints. */
export const hostUnavailable = (detail: string): SmiError =>
  new SmiError(
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. " +
      'Make sure that the latest NVIDIA driver is installed and running.\n\n',
    EXIT.driverNotLoaded,
    detail,
  );
