import { badRequest, type GatewayHttpError } from '../http-errors.js';
import {
  DEFAULT_MULTIPART_LIMITS,
  MultipartError,
  multipartBoundary,
  parseMultipart,
  type MultipartFile,
  type MultipartForm,
} from './multipart.js';

/** Parses a multipart request body; any problem is a 400 with Go's message (r.MultipartReader / BindMultipart). */
export function parseFormBody(
  body: Buffer | undefined,
  contentType: string | undefined,
): MultipartForm {
  try {
    const boundary = multipartBoundary(contentType);
    return parseMultipart(body ?? Buffer.alloc(0), boundary, DEFAULT_MULTIPART_LIMITS);
  } catch (err) {
    if (err instanceof MultipartError) throw badRequest(err.message);
    throw err;
  }
}

/** Typed access to form fields, failing like oapi-codegen's runtime.BindMultipart. */
export class FormFields {
  constructor(private readonly form: MultipartForm) {}

  string(name: string): string | undefined {
    return this.form.fields.get(name);
  }

  int(name: string): number | undefined {
    const v = this.form.fields.get(name);
    if (v === undefined) return undefined;
    if (!/^[+-]?\d{1,15}$/.test(v.trim())) throw this.invalid(name, v, 'ParseInt');
    return Number.parseInt(v, 10);
  }

  number(name: string): number | undefined {
    const v = this.form.fields.get(name);
    if (v === undefined) return undefined;
    const n = Number(v.trim());
    if (v.trim() === '' || !Number.isFinite(n)) throw this.invalid(name, v, 'ParseFloat');
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.form.fields.get(name);
    if (v === undefined) return undefined;
    const t = v.trim();
    if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(t)) return true;
    if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(t)) return false;
    throw this.invalid(name, v, 'ParseBool');
  }

  file(name: string): MultipartFile | undefined {
    return this.form.files.get(name);
  }

  /** A required file part; missing or empty → 400. */
  requiredFile(name: string): MultipartFile {
    const f = this.form.files.get(name);
    if (f === undefined || f.data.length === 0) throw badRequest(`missing required file: ${name}`);
    return f;
  }

  private invalid(name: string, value: string, fn: string): GatewayHttpError {
    const shown = JSON.stringify(value.slice(0, 64));
    return badRequest(
      `error binding field ${name}: strconv.${fn}: parsing ${shown}: invalid syntax`,
    );
  }
}
