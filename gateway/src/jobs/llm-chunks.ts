/** What one streamed LLMResponse chunk says. */
export interface LlmChunk {
  readonly content: string;
  readonly finishReason: string | null;
  readonly completionTokens: number | null;
  readonly error: string | null;
  readonly done: boolean;
}

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

/** Reads one `data:` payload: an LLMResponse chunk, `[DONE]`, or an error; null if unreadable. */
export function parseLlmChunk(data: string): LlmChunk | null {
  if (data.trim() === '[DONE]')
    return { content: '', finishReason: null, completionTokens: null, error: null, done: true };
  let doc: Record<string, unknown> | null;
  try {
    doc = obj(JSON.parse(data));
  } catch {
    return null;
  }
  if (doc === null) return null;
  const error = doc['error'];
  if (error !== undefined) {
    const message = obj(error)?.['message'];
    return {
      content: '',
      finishReason: null,
      completionTokens: null,
      error: typeof message === 'string' ? message : JSON.stringify(error).slice(0, 500),
      done: true,
    };
  }
  const choice = obj(Array.isArray(doc['choices']) ? (doc['choices'] as unknown[])[0] : undefined);
  const delta = obj(choice?.['delta']) ?? obj(choice?.['message']);
  const content = delta?.['content'];
  const finish = choice?.['finish_reason'];
  const tokens = obj(doc['usage'])?.['completion_tokens'];
  return {
    content: typeof content === 'string' ? content : '',
    finishReason: typeof finish === 'string' && finish !== '' ? finish : null,
    completionTokens:
      typeof tokens === 'number' && Number.isInteger(tokens) && tokens >= 0 ? tokens : null,
    error: null,
    done: false,
  };
}
