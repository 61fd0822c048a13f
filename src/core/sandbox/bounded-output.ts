/** Keeps the first and the last part of a stream so a runaway log cannot exhaust memory. */
export class BoundedOutput {
  private head = '';
  private tail = '';
  private dropped = 0;
  constructor(private readonly limit: number = 512 * 1024) {}

  push(chunk: string): void {
    if (this.head.length < this.limit) {
      const room = this.limit - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk.length === 0) return;
    this.tail += chunk;
    if (this.tail.length > this.limit) {
      this.dropped += this.tail.length - this.limit;
      this.tail = this.tail.slice(this.tail.length - this.limit);
    }
  }

  text(): string {
    return this.dropped > 0 ? `${this.head}\n[… ${this.dropped} characters omitted …]\n${this.tail}` : this.head + this.tail;
  }
}
