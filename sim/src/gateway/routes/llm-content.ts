import type { JobRecord } from '../../model/jobs.js';
import { words } from './text-content.js';

/** One timed token of a simulated LLM generation. */
export interface TimedToken {
  readonly atMs: number;
  readonly text: string;
}

export interface LlmMessage {
  readonly role: string;
  readonly content: string;
}

/** Simulated decode speed: one token per 25 ms (40 tokens/s) after the first. */
export const MS_PER_TOKEN = 25;

/**
 * Spreads a generation over the job: the first token after a time to first
 * token of 15% of the job (at least 80 ms: prefill and queueing), the rest
 * evenly until the job ends, at most `maxTokens`.
 */
export function llmTokens(job: JobRecord, maxTokens: number): TimedToken[] {
  const total = job.durationMs;
  const ttft = Math.min(total, Math.max(80, total * 0.15));
  const n = Math.max(1, Math.min(maxTokens, Math.round((total - ttft) / MS_PER_TOKEN) + 1));
  const texts = words(job.id, n);
  const step = n > 1 ? (total - ttft) / (n - 1) : 0;
  return texts.map((w, i) => ({
    atMs: job.startMs + ttft + i * step,
    text: i === 0 ? w : ` ${w}`,
  }));
}

/** A rough token count of the prompt (≈ 1.3 tokens per word plus 4 per message). */
export function promptTokens(messages: readonly LlmMessage[]): number {
  return messages.reduce(
    (sum, m) => sum + 4 + Math.ceil(m.content.split(/\s+/).filter(Boolean).length * 1.3),
    0,
  );
}

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export function usage(prompt: number, completion: number): Usage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
}

/** The fields every ai-worker LLMResponse carries. */
export function responseHead(
  job: JobRecord,
  model: string,
): { id: string; model: string; created: number } {
  return { id: `chatcmpl-${job.id}`, model, created: Math.floor(job.startMs / 1000) };
}
