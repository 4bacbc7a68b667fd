/**
 * murmur3's 32-bit finaliser (fmix32): a bijection of 32-bit integers that mixes every bit. Used
 * where a deterministic, evenly spread integer is needed from another one (partition keys to shards,
 * request ids), never for randomness that a seeded stream should provide.
 */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
