// Test helper: raw HTTP requests to the loopback host, so paths like "/../x" and forged Host
// headers reach the server exactly as written (fetch would normalize or refuse them).
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${options.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST /api/<method> with {"args": args} and the token header. */
export async function callApi(port: number, token: string, method: string, args: unknown[], headers: Record<string, string> = {}): Promise<RawResponse & { json: unknown }> {
  const response = await rawRequest({
    port,
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-marginalia-token': token, ...headers },
    body: JSON.stringify({ args }),
  });
  let json: unknown = null;
  try {
    json = JSON.parse(response.body);
  } catch {
    // not JSON; the test will say so
  }
  return { ...response, json };
}
