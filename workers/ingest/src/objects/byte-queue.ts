/**
 * Bytes received but not yet stored as an R2 part, kept as the chunks they
 * arrived in so that nothing is copied until a part or a stored row needs
 * contiguous bytes.
 */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(chunk);
    this.#size += chunk.byteLength;
  }

  /** The first `length` bytes (or all of them), without removing them. */
  peek(length: number): Uint8Array {
    return concat(this.#chunks, Math.min(length, this.#size));
  }

  /** Removes and returns the first `length` bytes as one array. */
  take(length: number): Uint8Array<ArrayBuffer> {
    const taken = concat(this.#chunks, Math.min(length, this.#size));
    let remaining = taken.byteLength;
    while (remaining > 0) {
      const head = this.#chunks[0]!;
      if (head.byteLength <= remaining) {
        this.#chunks.shift();
        remaining -= head.byteLength;
      } else {
        this.#chunks[0] = head.subarray(remaining);
        remaining = 0;
      }
    }
    this.#size -= taken.byteLength;
    return taken;
  }

  /** Everything, as rows of at most `rowBytes` (Durable Object SQLite caps a value at 2 MB). */
  rows(rowBytes: number): Uint8Array<ArrayBuffer>[] {
    const copy = new ByteQueue();
    for (const chunk of this.#chunks) copy.push(chunk);
    const rows: Uint8Array<ArrayBuffer>[] = [];
    while (copy.size > 0) rows.push(copy.take(rowBytes));
    return rows;
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset === length) break;
    const part = chunk.subarray(0, length - offset);
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
