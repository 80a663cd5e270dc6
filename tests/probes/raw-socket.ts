// Requests written byte for byte on a TCP socket, for what an HTTP client library will not
// send: no Host header, absolute-form targets, oversize bodies that are never finished.
import { connect } from 'node:net';

export interface SocketReply {
  /** Status code of the first response line, or 0 if the server closed without answering. */
  status: number;
  text: string;
}

/** Writes `head` (and optionally `body`), then collects whatever comes back until the socket closes or `timeoutMs`. */
export function sendRaw(port: number, head: string, body?: Buffer, timeoutMs = 5000): Promise<SocketReply> {
  return new Promise((resolveReply) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolveReply({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One response is all we want; a keep-alive socket would otherwise wait for the timeout.
      const text = Buffer.concat(chunks).toString('latin1');
      const headerEnd = text.indexOf('\r\n\r\n');
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(text)?.[1] ?? Number.NaN);
      if (headerEnd !== -1 && Number.isFinite(length) && text.length >= headerEnd + 4 + length) finish();
    });
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.write(head);
    if (body) socket.write(body);
  });
}
