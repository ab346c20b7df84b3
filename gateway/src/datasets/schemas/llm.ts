import { Type } from 'typebox';
import * as F from './common.js';

const Message = Type.Object(
  {
    role: Type.Enum(['system', 'user', 'assistant']),
    content: Type.String({ minLength: 1, maxLength: 8000 }),
  },
  F.closed,
);

/**
 * POST /llm, JSON (ai-runner LLMRequest). go-livepeer answers 400 "missing
 * required fields" unless model, messages (non-empty), stream and
 * max_tokens are all present.
 */
export const LlmRequest = Type.Object(
  {
    model: F.ModelId,
    messages: Type.Array(Message, { minItems: 1, maxItems: 64 }),
    stream: Type.Boolean(),
    max_tokens: Type.Integer({ minimum: 1, maximum: 8192 }),
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
    top_p: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    top_k: Type.Optional(Type.Integer({ minimum: -1, maximum: 1000 })),
  },
  F.closed,
);
