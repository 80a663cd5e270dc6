// Reads a request body up to a byte limit.
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${formatBytes(limit)}`);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

/**
 * Resolves with the whole body, or rejects with BodyTooLargeError as soon as the declared
 * or received size passes the limit. The rest of an oversized body is drained (so the client
 * can read the 413) unless it is absurdly large, in which case the connection is dropped.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length']);
    const tooLarge = () => {
      const error = new BodyTooLargeError(limit);
      let drained = 0;
      req.removeAllListeners('data');
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > limit * 4 + 16 * 1024 * 1024) req.destroy();
      });
      reject(error);
    };
    if (Number.isFinite(declared) && declared > limit) {
      tooLarge();
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
