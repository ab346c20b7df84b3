import type { Rng } from '../../../generate/prng.js';

/** Vocabulary the random cases draw their prompts and texts from. */

const SUBJECTS = [
  'a lighthouse on a rocky coast',
  'a red fox in fresh snow',
  'a bowl of ramen',
  'an old sailing ship',
  'a mountain village',
  'a robot reading a book',
  'a field of sunflowers',
  'a city street in the rain',
] as const;

const SETTINGS = ['at sunset', 'at night', 'in the fog', 'under a clear sky', 'in spring'] as const;

const STYLES = [
  'oil painting',
  'watercolor',
  'photograph, 35mm',
  'pencil sketch',
  'digital art',
] as const;

const EDITS = [
  'make it look like winter',
  'turn the sky purple',
  'add a rainbow',
  'make it a watercolor painting',
  'make it look like an old photograph',
] as const;

const QUESTIONS = [
  'What is a lighthouse for?',
  'Name three primary colors.',
  'Explain what a GPU does in one sentence.',
  'Write a haiku about the sea.',
  'What is the boiling point of water at sea level?',
  'Give one tip for writing clear code.',
] as const;

const SENTENCES = [
  'The lighthouse keeper lit the lamp as the sun went down.',
  'Every morning the baker opens the shop at seven.',
  'A quiet river runs through the old town.',
  'Please leave your message after the tone.',
  'The quick brown fox jumps over the lazy dog.',
] as const;

const VOICES = [
  'A calm female voice, speaking slowly, with clear audio quality.',
  'A cheerful male voice with a moderate pace.',
  'A deep, expressive voice recorded in a quiet room.',
] as const;

export const words = {
  imagePrompt: (rng: Rng): string =>
    `${rng.pick(SUBJECTS)} ${rng.pick(SETTINGS)}, ${rng.pick(STYLES)}`,
  edit: (rng: Rng): string => rng.pick(EDITS),
  question: (rng: Rng): string => rng.pick(QUESTIONS),
  sentence: (rng: Rng): string => rng.pick(SENTENCES),
  voice: (rng: Rng): string => rng.pick(VOICES),
  seed: (rng: Rng): number => rng.int(0, 2_147_483_647),
};
