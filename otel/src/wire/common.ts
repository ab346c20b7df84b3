import { Type } from 'typebox';

/** Shared TypeBox building blocks of the wire types. */
export const Count = Type.Integer({ minimum: 0 });
export const NonNegative = Type.Number({ minimum: 0 });
export const Ratio = Type.Number({ minimum: 0, maximum: 1 });
export const EthAddress = Type.String({ pattern: '^0x[0-9a-f]{40}$' });

export function Nullable<T extends Parameters<typeof Type.Union>[0][number]>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}
