import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import { jsonBodyFromNodeStream } from './json-body.ts';

// A real @hono/node-server on a loopback port: the middleware reads Node's request stream, which
// app.request() does not have.
describe('JSON bodies read from the Node request stream', () => {
  const LIMIT = 1024;
  let server: ServerType;
  let base = '';

  beforeAll(async () => {
    const app = new Hono();
    app.use('*', jsonBodyFromNodeStream(LIMIT));
    app.post('/echo', async (c) => {
      try {
        return c.json({ got: await c.req.json() });
      } catch {
        return c.json({ error: 'malformed' }, 400);
      }
    });
    app.post('/csv', async (c) => c.text(`csv:${await c.req.text()}`));
    app.onError((err, c) => c.json({ code: err instanceof DomainError ? err.code : 'internal', en: err instanceof DomainError ? err.message : String(err) }, err instanceof DomainError && err.code === 'payload_too_large' ? 413 : 500));
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('parses a UTF-8 JSON body, Chinese included, for JSON media types with parameters and +json', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/problem+json']) {
      const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ description: '催收人员晚上十一点还在打电话', amountFen: 5800 }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ got: { description: '催收人员晚上十一点还在打电话', amountFen: 5800 } });
    }
  });

  it('drops a leading byte-order mark, as Request.text() does', async () => {
    const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '\uFEFF{"a":1}' });
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });

  it('leaves malformed JSON for the route to refuse', async () => {
    const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed' });
  });

  it('refuses a body over the limit with 413, by its Content-Length and when sent chunked, and the connection still answers', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(LIMIT) });
    const declared = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'payload_too_large', en: expect.stringContaining('limit') });

    // Chunked: no Content-Length, so the limit is found while reading.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write(big.slice(i * 200, (i + 1) * 200));
      req.end(big.slice(1600));
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ code: 'payload_too_large' });

    const after = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    expect(await after.json()).toEqual({ got: { ok: true } });
  });

  it('does not touch other media types: a CSV body larger than the JSON limit reaches the route whole', async () => {
    const csv = 'source,text\n' + 'weibo,还款页面一直转圈\n'.repeat(100);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(LIMIT);
    const res = await fetch(`${base}/csv`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`csv:${csv}`);
  });
});
