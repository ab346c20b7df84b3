/** A section's data as a page receives it (see $lib/server/load). */
export type Loaded<T> =
  | { readonly ok: true; readonly data: T; readonly api: string }
  | {
      readonly ok: false;
      readonly api: string;
      readonly error: { readonly status: number; readonly code: string; readonly message: string };
    };
