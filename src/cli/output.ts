/**
 * Output for the command-line tools: a buffered, synchronous writer to stdout or a file that loses
 * nothing through a pipe, and ends quietly when the reader goes away.
 *
 * Why not `process.stdout.write`: the runners are synchronous loops, so an asynchronous stream
 * would queue the whole trace in memory before the first byte leaves. Why not a bare `writeSync`:
 * a pipe's file description is often non-blocking (a parent such as tsx or npm shares it), so a
 * write to a full pipe fails with EAGAIN, or writes part of a line and returns. This writer waits
 * and retries until the reader has taken every byte: back-pressure by blocking, as `cat` does.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

/** OutputClosed is thrown by {@link Output.write} once the reader has gone (EPIPE): stop quietly. */
export class OutputClosed extends Error {
  constructor() {
    super('the reader closed the output');
    this.name = 'OutputClosed';
  }
}

/** Output takes text in order and writes every byte of it, in order. */
export interface Output {
  /** write queues `text`; it reaches the destination at the latest on {@link flush}. @throws OutputClosed */
  write(text: string): void;
  /** flush writes everything queued, waiting for a slow reader as long as it takes. @throws OutputClosed */
  flush(): void;
  /** close flushes, then closes a file opened by {@link openOutput} and gives it its name (stdout stays open). @throws OutputClosed */
  close(): void;
}

/** The write buffer's size (bytes): few large writes are cheap. */
const CHUNK = 1 << 20;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** sleep blocks this thread for `ms` wall ms without spinning. */
const sleep = (ms: number) => void Atomics.wait(sleeper, 0, 0, ms);

/**
 * writeAll writes every byte of `bytes` to `fd`: it continues after a partial write, and waits and
 * retries while a non-blocking pipe is full (EAGAIN), backing off from 1 to 20 wall ms.
 * @throws OutputClosed when the reader has closed the pipe (EPIPE); any other error as it is.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  let wait = 1;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
      wait = 1;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') throw new OutputClosed();
      if (code !== 'EAGAIN') throw e;
      sleep(wait);
      wait = Math.min(20, wait * 2);
    }
  }
}

/**
 * openOutput gives an {@link Output} to the file at `path`, or to stdout when `path` is undefined or
 * `-`. A file is written beside `path` under a temporary name and takes its name on
 * {@link Output.close}: a run that fails midway leaves an earlier file at `path` as it was.
 * @throws the file system's error (e.g. ENOENT for a missing folder) when the file cannot be opened
 */
export function openOutput(path?: string): Output {
  const toFile = path !== undefined && path !== '-';
  const partial = toFile ? `${path}.partial-${process.pid}` : '';
  const fd = toFile ? openSync(partial, 'w') : 1;
  // Text is encoded straight into one buffer: no joined string, no second copy.
  const buf = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = () => {
    if (!used) return;
    const n = used;
    used = 0;
    writeAll(fd, buf.subarray(0, n));
  };
  return {
    write(text) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (used + text.length * 3 > CHUNK) {
        flush();
        if (text.length * 3 > CHUNK) return writeAll(fd, Buffer.from(text, 'utf8'));
      }
      used += buf.write(text, used, 'utf8');
    },
    flush,
    close() {
      flush();
      if (!toFile) return;
      closeSync(fd);
      renameSync(partial, path);
    },
  };
}

/**
 * isClosedOutput is true for the error a writer gives when the reader closed early (`| head -5`):
 * {@link OutputClosed}, or EPIPE from an async write. A CLI then ends with exit 0 and no stack trace,
 * as other Unix tools do.
 */
export function isClosedOutput(e: unknown): boolean {
  return e instanceof OutputClosed || (e as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/**
 * endQuietlyOnClosedOutput makes async writes to process.stdout and process.stderr, which report
 * EPIPE as an 'error' event, end the process with exit 0 once the reader has gone. Call it once,
 * first thing in a CLI's main.
 */
export function endQuietlyOnClosedOutput(): void {
  const quiet = (e: unknown) => {
    if (isClosedOutput(e)) process.exit(0);
    throw e;
  };
  process.stdout.on('error', quiet);
  process.stderr.on('error', quiet);
}
