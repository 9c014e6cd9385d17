import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../errors/domain-error.ts';

/**
 * The largest JSON request body accepted, in bytes. The biggest JSON the API takes is a public-opinion
 * import (an array of mentions); files go as multipart (evidence, streamed) or text/csv (imports),
 * which this limit does not touch.
 */
export const JSON_BODY_MAX_BYTES = 16 * 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Reads a JSON request body straight from Node's request stream, up to `maxBytes`, and hands the
 * text to Hono's body cache, where `c.req.json()` (the routes' zod validation) takes it.
 *
 * Why: left to itself, @hono/node-server builds a WHATWG Request (undici) and reads the body through
 * a web ReadableStream the first time a route asks for it, which cost about 2 % of the server's CPU
 * on complaint intake (npm run bench:complaints). And without it, nothing limited a JSON body's
 * size: one larger than `maxBytes` is now refused with 413 before it is held in memory.
 *
 * Only for JSON media types and only under @hono/node-server (`c.env.incoming`); `app.request()` in
 * tests has no Node stream and keeps Hono's own path.
 */
export function jsonBodyFromNodeStream(maxBytes = JSON_BODY_MAX_BYTES): MiddlewareHandler {
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const contentType = c.req.header('content-type');
    if (incoming && contentType && JSON_MEDIA_TYPE.test(contentType.split(';')[0]!.trim()) && incoming.readable) {
      const text = await readText(incoming, maxBytes);
      // Hono keeps promises in its body cache (its type says values): json() calls .then on the entry.
      (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    }
    await next();
  };
}

function tooLarge(maxBytes: number): DomainError {
  const mib = Math.round(maxBytes / 1024 / 1024);
  return new DomainError('payload_too_large', { zh: `请求内容超过 ${mib} MiB 上限`, en: `The request body is over the ${mib} MiB limit` });
}

/** The body as UTF-8 text (a leading byte-order mark dropped, as Request.text() does); rejects past `maxBytes`. */
function readText(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    incoming.resume(); // drain without keeping it, so the 413 can still be answered on this connection
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.off('data', onData);
        incoming.resume();
        chunks.length = 0;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    incoming.on('data', onData);
    incoming.once('end', () => {
      if (size > maxBytes) return;
      const text = Buffer.concat(chunks, size).toString('utf8');
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
    incoming.once('error', reject);
  });
}
