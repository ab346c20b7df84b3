/**
 * go-livepeer's default object store on a gateway is in memory
 * (drivers.NodeStorage); results are saved there with `SaveData` and the
 * responses carry their URLs, `/stream/<session>/<name>`, fetched from the
 * gateway's HTTP port. This store keeps the newest results within a byte and
 * an entry budget, evicting the oldest first.
 */
export interface StoredMedia {
  readonly contentType: string;
  readonly data: Buffer;
}

export const MEDIA_STORE_MAX_BYTES = 256 * 1024 * 1024;
export const MEDIA_STORE_MAX_ENTRIES = 2_000;

const SAFE = /^[A-Za-z0-9._-]{1,128}$/;

export class MediaStore {
  private readonly items = new Map<string, StoredMedia>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = MEDIA_STORE_MAX_BYTES,
    private readonly maxEntries = MEDIA_STORE_MAX_ENTRIES,
  ) {}

  /** Stores a result and returns its URL path. */
  put(session: string, name: string, contentType: string, data: Buffer): string {
    if (!SAFE.test(session) || !SAFE.test(name)) throw new RangeError('unsafe media name');
    const key = `${session}/${name}`;
    this.remove(key);
    this.items.set(key, { contentType, data });
    this.bytes += data.length;
    this.evict();
    return `/stream/${key}`;
  }

  get(session: string, name: string): StoredMedia | null {
    return this.items.get(`${session}/${name}`) ?? null;
  }

  get size(): number {
    return this.items.size;
  }

  private remove(key: string): void {
    const old = this.items.get(key);
    if (old === undefined) return;
    this.bytes -= old.data.length;
    this.items.delete(key);
  }

  private evict(): void {
    for (const key of this.items.keys()) {
      if (this.bytes <= this.maxBytes && this.items.size <= this.maxEntries) return;
      this.remove(key);
    }
  }
}
