/**
 * An open-loop HTTP load generator for the benchmarks (bench/complaints.bench.ts).
 *
 * Open loop: requests arrive on a schedule that does not wait for responses (Poisson arrivals at
 * `rate` per second, the way independent users arrive), over a fixed set of keep-alive connections
 * that are opened first and held, each taking its turn (least recently used first). A request whose
 * connections are all busy waits in the generator's queue, and that wait counts: latency runs from
 * the request's INTENDED send time (its arrival in the schedule) to the end of the response body, so
 * a stalled server cannot hide its stall by slowing the generator down (coordinated omission). The
 * schedule is drawn from a seeded generator: the same run offers the same arrivals.
 *
 * Why raw sockets and not node:http: the generator shares the machine with the server it measures.
 * Through node:http's client it cost about 1 ms of CPU per request on the 2-vCPU bench machine, a
 * fifth of a core at 200 requests/s, taken from the server and PostgreSQL. Here a request is one
 * pre-built string written to its socket and a response is framed by its Content-Length (or its
 * chunks), which is all a keep-alive HTTP/1.1 exchange with one request at a time needs.
 * `openLoop` reports the generator's own CPU per request, so the figure stays visible.
 *
 * Why not autocannon's paced mode (`overallRate`): with overallRate < connections it silently lowers
 * the connection count to the rate; its per-connection rate limit is reset by a 1-second
 * setInterval, so every connection bursts at the start of each second; and its coordinated-omission
 * correction uses Math.ceil(1 / rate) as the interval in ms, which inflates the tail.
 */
import net from 'node:net';
import { mulberry32 } from '../src/modules/demo/prng.ts'; // seeded: reproducible arrival schedules
import { HeldConnection } from './held-connection.ts';

export type OpenLoopRequest = { method: string; path: string; headers?: Record<string, string>; body?: string };

export type OpenLoopFigures = {
  /** Arrivals per second asked for, and the schedule's duration in seconds. */
  rate: number;
  durationS: number;
  sent: number;
  /** Responses with the expected status. */
  ok: number;
  /** Responses with another status, and requests that failed (connection error or close, 60 s timeout). */
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
  /** The generator's own CPU time per request sent, ms (user + system, this process). */
  generatorCpuMsPerRequest: number;
};

/** Keep-alive connections to one server, opened once and held across runs. */
export type HeldConnections = { base: URL; all: HeldConnection[]; close: () => void };

/** Opens `connections` keep-alive connections and checks each with one request to a cheap path. */
export async function openConnections(base: URL, connections: number, path = '/api/health'): Promise<HeldConnections> {
  const all = await Promise.all(
    Array.from({ length: connections }, () =>
      new Promise<HeldConnection>((resolve, reject) => {
        const socket = net.connect({ host: base.hostname, port: Number(base.port), noDelay: true });
        socket.once('connect', () => resolve(new HeldConnection(socket)));
        socket.once('error', reject);
      }),
    ),
  );
  const held: HeldConnections = { base, all, close: () => all.forEach((c) => c.close()) };
  const statuses = await Promise.all(all.map((c) => c.send(requestText(base, { method: 'GET', path }))));
  const bad = statuses.find((s) => s !== 200);
  if (bad !== undefined) {
    held.close();
    throw new Error(`opening connections: ${path} answered ${bad}`);
  }
  return held;
}

/** Runs one open-loop schedule over held connections and waits for every response. */
export async function openLoop(opts: {
  connections: HeldConnections;
  rate: number;
  durationS: number;
  expectStatus: number;
  next: () => OpenLoopRequest;
  seed?: number;
}): Promise<OpenLoopFigures> {
  const { connections, rate, durationS, expectStatus, next } = opts;
  const random = mulberry32(opts.seed ?? 1);
  const latencies: number[] = [];
  const lags: number[] = [];
  const used = new Set<HeldConnection>();
  const idle = connections.all.filter((c) => c.isOpen); // least recently used first
  const waiting: Array<{ at: number; text: string }> = [];
  let sent = 0, ok = 0, unexpected = 0, errors = 0, inFlight = 0, maxInFlight = 0, lastEnd = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  let scheduleOver = false;

  const takeIdle = () => {
    for (let c = idle.shift(); c; c = idle.shift()) if (c.isOpen) return c;
    return undefined;
  };
  const dispatch = (conn: HeldConnection, at: number, text: string) => {
    used.add(conn);
    conn.send(text).then(
      (status) => {
        const now = performance.now();
        latencies.push(now - at);
        lastEnd = Math.max(lastEnd, now);
        if (status === expectStatus) ok++;
        else unexpected++;
        idle.push(conn);
      },
      () => errors++, // a failed connection is not used again
    ).finally(() => {
      inFlight--;
      sendWaiting();
      if (scheduleOver && inFlight === 0) allDone();
    });
  };
  const sendWaiting = () => {
    for (let conn = waiting.length ? takeIdle() : undefined; conn; conn = waiting.length ? takeIdle() : undefined) {
      const { at, text } = waiting.shift()!;
      dispatch(conn, at, text);
    }
    // Every connection has failed: what waits can never be sent.
    if (waiting.length > 0 && !connections.all.some((c) => c.isOpen)) {
      errors += waiting.length;
      inFlight -= waiting.length;
      waiting.length = 0;
    }
  };
  const fire = (at: number) => {
    sent++;
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    lags.push(performance.now() - at);
    waiting.push({ at, text: requestText(connections.base, next()) });
    sendWaiting();
  };
  // A request unanswered after 60 s fails, and so does its connection.
  const watchdog = setInterval(() => {
    for (const c of used) if (c.busyForMs() > 60_000) c.close(new Error('timeout (60 s)'));
  }, 1_000);

  const cpuBefore = process.cpuUsage();
  const start = performance.now() + 50;
  const end = start + durationS * 1000;
  let intended = start;
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
  scheduleOver = true;
  if (inFlight > 0) await finished;
  clearInterval(watchdog);
  const cpu = process.cpuUsage(cpuBefore);

  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const rank = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    rate, durationS, sent, ok, unexpected, errors,
    p50: round(rank(latencies, 0.5)), p90: round(rank(latencies, 0.9)), p99: round(rank(latencies, 0.99)), max: round(latencies.at(-1) ?? NaN),
    achievedRps: latencies.length / ((lastEnd - start) / 1000),
    connectionsUsed: used.size, maxInFlight, sendLagP99: round(rank(lags, 0.99)),
    generatorCpuMsPerRequest: sent ? Math.round(((cpu.user + cpu.system) / 1000 / sent) * 100) / 100 : NaN,
  };
}

/** One HTTP/1.1 request as sent on a keep-alive connection. */
export function requestText(base: URL, r: OpenLoopRequest): string {
  let head = `${r.method} ${r.path} HTTP/1.1\r\nhost: ${base.host}\r\n`;
  for (const [name, value] of Object.entries(r.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (r.body !== undefined) head += `content-length: ${Buffer.byteLength(r.body)}\r\n`;
  return `${head}\r\n${r.body ?? ''}`;
}
