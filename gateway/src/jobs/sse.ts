/** Splits a text/event-stream into the `data` of each event, as chunks arrive. */
export class SseDecoder {
  private buffer = '';

  /** Feeds text; returns the data of every event completed by it. */
  push(text: string): string[] {
    this.buffer += text.replaceAll('\r\n', '\n');
    const out: string[] = [];
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''));
      if (data.length > 0) out.push(data.join('\n'));
    }
    return out;
  }

  /** The data of a last event not followed by a blank line. */
  end(): string[] {
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest === '' ? [] : this.push(`${rest}\n\n`);
  }
}
