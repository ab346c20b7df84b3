/** A dataset that cannot be loaded; the message names the file (and line) at fault. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';

  constructor(
    readonly code:
      | 'manifest_invalid'
      | 'file_too_large'
      | 'file_unreadable'
      | 'case_invalid'
      | 'path_invalid'
      | 'duplicate_id'
      | 'too_many',
    message: string,
  ) {
    super(message);
  }
}
