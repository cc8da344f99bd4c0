/** stdout for a command's answer; a reader that has gone (`exits recent | head`) ends it quietly. */
let closed = false;

export function stdoutClosed(): boolean {
  return closed;
}

export function out(text: string): void {
  if (!closed) process.stdout.write(text);
}

/** A closed pipe is EPIPE on stdout, which Node raises as an unhandled 'error' event unless someone listens. */
export function toleratePipeClose(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
}
