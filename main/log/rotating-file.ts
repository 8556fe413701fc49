/**
 * A log file rotated by size: when the next line would pass maxBytes, atiende.log
 * becomes atiende.log.1, the older copies shift up by one, and the oldest beyond
 * `keep` is deleted. It is written here instead of using pino-roll, because
 * pino-roll runs as an asynchronous transport (a worker thread, or a stream that
 * opens its file later). The CLI and the Electron main process need each line on
 * disk before a crash or process.exit, and the whole rotator is a few lines.
 *
 * NOTE: two processes writing the same file (a CLI command while `serve` runs)
 * each count only their own bytes, so the file can pass maxBytes by the other's share.
 */
import { closeSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface RotatingFileOptions {
  /** Size at which the file is rotated, in bytes. */
  maxBytes: number;
  /** Rotated copies kept beside the current file. */
  keep: number;
}

export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    readonly path: string,
    private readonly options: RotatingFileOptions,
  ) {
    this.fd = openSync(path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** Appends one chunk; pino calls it once per line. */
  write(chunk: string): boolean {
    const bytes = Buffer.byteLength(chunk);
    if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
    writeSync(this.fd, chunk);
    this.size += bytes;
    return true;
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(`${this.path}.${this.options.keep}`, { force: true });
    for (let index = this.options.keep - 1; index >= 1; index -= 1) {
      try {
        renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    if (this.options.keep > 0) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
