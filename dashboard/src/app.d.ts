import type { DashboardConfig } from '$lib/server/config';
import type { Theme } from '$lib/theme';

declare global {
  namespace App {
    interface Locals {
      readonly config: DashboardConfig;
      readonly theme: Theme;
    }
    interface Error {
      readonly message: string;
      /** Stable code of the API problem or of the dashboard ("not_found", "unavailable"). */
      readonly code?: string;
    }
  }
}

export {};
