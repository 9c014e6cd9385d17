import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameResponse } from './held-connection.ts';
import { openConnections, openLoop, requestText } from './open-loop.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('frameResponse: where one HTTP/1.1 response ends', () => {
  const fixed = 'HTTP/1.1 201 Created\r\ncontent-type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}';
  const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n6\r\npedia \r\n0\r\n\r\n';
  const trailers = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nx-sum: 1\r\n\r\n';

  it.each([['Content-Length', fixed, 201], ['chunked', chunked, 200], ['chunked with trailers', trailers, 200]])(
    'frames a %s response only once all of it has arrived, whatever the split',
    (_, response, status) => {
      for (let cut = 0; cut < response.length; cut++) expect(frameResponse(bytes(response.slice(0, cut)))).toBeNull();
      expect(frameResponse(bytes(response))).toEqual({ status, length: response.length });
      expect(frameResponse(bytes(response + 'HTTP/1.1 200'))).toEqual({ status, length: response.length });
    },
  );

  it('takes a 204 and a 304 as bodiless, and refuses what it cannot frame', () => {
    const noContent = 'HTTP/1.1 204 No Content\r\n\r\n';
    const notModified = 'HTTP/1.1 304 Not Modified\r\netag: "x"\r\n\r\n';
    expect(frameResponse(bytes(noContent))).toEqual({ status: 204, length: noContent.length });
    expect(frameResponse(bytes(notModified))).toEqual({ status: 304, length: notModified.length });
    expect(() => frameResponse(bytes('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nuntil close'))).toThrow(/neither Content-Length nor chunked/);
    expect(() => frameResponse(bytes('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP/);
  });
});

describe('openLoop over held connections, against a node:http server', () => {
  let server: http.Server;
  let base: URL;
  const seen: Array<{ method: string; url: string; body: string; socket: unknown }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, body, socket: req.socket });
        if (req.url === '/stream') {
          res.writeHead(200, { 'content-type': 'text/plain' }); // no length: node:http sends it chunked
          res.write('part one, ');
          setTimeout(() => res.end('part two'), 5);
        } else if (req.url === '/health') {
          res.end('ok');
        } else {
          res.writeHead(req.method === 'POST' ? 201 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body }));
        }
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends every scheduled request once, over every held connection, and counts statuses', async () => {
    const connections = await openConnections(base, 5, '/health');
    seen.length = 0;
    let i = 0;
    const f = await openLoop({
      connections, rate: 400, durationS: 0.5, expectStatus: 201, seed: 3,
      next: () => (i++ % 10 === 9
        ? { method: 'GET', path: '/stream' }
        : { method: 'POST', path: '/api/complaints', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: i, text: '催收电话太多' }) }),
    });
    connections.close();
    expect(f.sent).toBe(i);
    expect(f.sent).toBeGreaterThan(100);
    expect(seen).toHaveLength(f.sent);
    expect(f.ok).toBe(seen.filter((s) => s.method === 'POST').length);
    expect(f.unexpected).toBe(seen.filter((s) => s.url === '/stream').length); // 200, not the expected 201
    expect(f.errors).toBe(0);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(5);
    expect(f.connectionsUsed).toBe(5);
    expect(JSON.parse(seen.find((s) => s.method === 'POST')!.body)).toMatchObject({ text: '催收电话太多' });
    expect(f.p50).toBeGreaterThan(0);
    expect(f.p99).toBeGreaterThanOrEqual(f.p50);
  });

  it('fails the requests of a connection the server closes, and does not hang', async () => {
    const connections = await openConnections(base, 2, '/health');
    server.closeAllConnections();
    const f = await openLoop({ connections, rate: 200, durationS: 0.2, expectStatus: 201, next: () => ({ method: 'GET', path: '/health' }) });
    expect(f.sent).toBeGreaterThan(0);
    expect(f.errors + f.ok + f.unexpected).toBe(f.sent);
    expect(f.ok + f.unexpected).toBe(0);
  });

  it('writes the request line, host, headers and a byte length for the body', () => {
    expect(requestText(base, { method: 'POST', path: '/x', headers: { cookie: 'a=b' }, body: '中' })).toBe(`POST /x HTTP/1.1\r\nhost: ${base.host}\r\ncookie: a=b\r\ncontent-length: 3\r\n\r\n中`);
  });
});
