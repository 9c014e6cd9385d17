/**
 * An open-loop HTTP load generator for the benchmarks (bench/complaints.bench.ts).
 *
 * Open loop: requests arrive on a schedule that does not wait for responses (Poisson arrivals at
 * `rate` per second, the way independent users arrive), over a fixed set of keep-alive connections
 * that are opened first and held (node:http Agent, `scheduling: 'fifo'` so every connection takes its
 * turn). A request whose connections are all busy waits in the client's queue, and that wait counts:
 * latency runs from the request's INTENDED send time (its arrival in the schedule) to the end of the
 * response body, so a stalled server cannot hide its stall by slowing the generator down
 * (coordinated omission). The schedule is drawn from a seeded generator: the same run offers the
 * same arrivals.
 *
 * Why not autocannon's paced mode (`overallRate`): with overallRate < connections it silently lowers
 * the connection count to the rate; its per-connection rate limit is reset by a 1-second
 * setInterval, so every connection bursts at the start of each second; and its coordinated-omission
 * correction uses Math.ceil(1 / rate) as the interval in ms, which inflates the tail.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { mulberry32 } from '../src/modules/demo/prng.ts'; // seeded: reproducible arrival schedules

export type OpenLoopRequest = { method: string; path: string; headers?: Record<string, string>; body?: string };

export type OpenLoopFigures = {
  /** Arrivals per second asked for, and the schedule's duration in seconds. */
  rate: number;
  durationS: number;
  sent: number;
  /** Responses with the expected status. */
  ok: number;
  /** Responses with another status, and requests that failed (connection error, 60 s timeout). */
  unexpected: number;
  errors: number;
  /** Latency from intended send time, ms (nearest rank; every completed request, whatever its status). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Responses per second from the first intended send to the last response. */
  achievedRps: number;
  /** Distinct connections that carried a request, and the most requests in flight (sent or queued) at once. */
  connectionsUsed: number;
  maxInFlight: number;
  /** How late the generator itself issued requests (p99, ms): its own event loop's delay, already inside the latency. */
  sendLagP99: number;
};

/** A keep-alive agent holding up to `connections` sockets, least recently used first. */
export function keepAliveAgent(connections: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, scheduling: 'fifo' });
}

/** Opens `connections` sockets on `agent` at once (concurrent requests to a cheap path), so the runs start on held connections. */
export async function openConnections(agent: http.Agent, base: URL, connections: number, path = '/api/health'): Promise<void> {
  const sockets = new Set<Socket>();
  await Promise.all(
    Array.from({ length: connections }, () =>
      send(agent, base, { method: 'GET', path }, (s) => sockets.add(s)).then((r) => {
        if (r.status !== 200) throw new Error(`opening connections: ${path} answered ${r.status}`);
      }),
    ),
  );
  if (sockets.size !== connections) throw new Error(`opened ${sockets.size} of ${connections} connections`);
}

/** Runs one open-loop schedule and waits for every response. */
export async function openLoop(opts: {
  agent: http.Agent;
  base: URL;
  rate: number;
  durationS: number;
  expectStatus: number;
  next: () => OpenLoopRequest;
  seed?: number;
}): Promise<OpenLoopFigures> {
  const { agent, base, rate, durationS, expectStatus, next } = opts;
  const random = mulberry32(opts.seed ?? 1);
  const latencies: number[] = [];
  const lags: number[] = [];
  const sockets = new Set<Socket>();
  let sent = 0, ok = 0, unexpected = 0, errors = 0, inFlight = 0, maxInFlight = 0, lastEnd = 0;
  const inFlightDone: Array<Promise<void>> = [];

  const start = performance.now() + 50;
  const end = start + durationS * 1000;
  let intended = start;
  const fire = (at: number) => {
    sent++;
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    lags.push(performance.now() - at);
    inFlightDone.push(
      send(agent, base, next(), (s) => sockets.add(s)).then(
        (r) => {
          const now = performance.now();
          latencies.push(now - at);
          lastEnd = Math.max(lastEnd, now);
          if (r.status === expectStatus) ok++;
          else unexpected++;
        },
        () => {
          errors++;
        },
      ).finally(() => {
        inFlight--;
      }),
    );
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (intended <= now && intended < end) {
        fire(intended);
        intended += (-Math.log(1 - random()) * 1000) / rate; // exponential gaps: Poisson arrivals
      }
      if (intended < end) setTimeout(tick, Math.max(0, intended - performance.now()));
      else resolve();
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  await Promise.all(inFlightDone);

  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const rank = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    rate, durationS, sent, ok, unexpected, errors,
    p50: round(rank(latencies, 0.5)), p90: round(rank(latencies, 0.9)), p99: round(rank(latencies, 0.99)), max: round(latencies.at(-1) ?? NaN),
    achievedRps: latencies.length / ((lastEnd - start) / 1000),
    connectionsUsed: sockets.size, maxInFlight, sendLagP99: round(rank(lags, 0.99)),
  };
}

function send(agent: http.Agent, base: URL, r: OpenLoopRequest, onSocket: (s: Socket) => void): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(r.headers ?? {}) };
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    const req = http.request({ agent, host: base.hostname, port: base.port, method: r.method, path: r.path, headers, timeout: 60_000 }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('socket', onSocket);
    req.on('timeout', () => req.destroy(new Error('timeout (60 s)')));
    req.on('error', reject);
    req.end(r.body);
  });
}
