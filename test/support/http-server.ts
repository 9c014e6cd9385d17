import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Database } from '../../src/platform/db/client.ts';
import { buildTestApp } from './test-app.ts';

export type TestServer = {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  baseUrl: string;
  app: ReturnType<typeof buildTestApp>['app'];
  close: () => Promise<void>;
};

/**
 * The real app (fixed test clock, test cipher key) served over HTTP on a free loopback port, for
 * browser tests. The web console is served from dist/web if it was built before this is called.
 */
export function startTestServer(database: Database, opts: Parameters<typeof buildTestApp>[1] = {}): Promise<TestServer> {
  const { app } = buildTestApp(database, opts);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        baseUrl: `http://127.0.0.1:${info.port}`,
        app,
        close: () =>
          new Promise<void>((done, fail) => {
            const http = server as Server;
            http.close((err) => (err ? fail(err) : done()));
            // A browser keeps idle keep-alive sockets open; without this, close() would wait for them.
            http.closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
