import { PermanentError, TransientError, type ChannelAdapter } from './channel-adapter.ts';

export type HttpSmsSettings = { url: string; token?: string; ratePerSecond?: number; timeoutMs?: number };

/**
 * SMS through a generic HTTP gateway (most Chinese SMS providers — and the aggregators banks use —
 * accept a JSON POST with a client reference). Request: POST {to, text, reference} with
 * `Authorization: Bearer <SMS_HTTP_TOKEN>`; `reference` is the outbox id, which the provider echoes
 * in its delivery report and uses to drop duplicates. Response: 2xx with JSON {id} (or {messageId}).
 * 429, 5xx, timeouts and network errors are transient; other 4xx are permanent.
 */
export function httpSmsAdapter(settings: HttpSmsSettings): ChannelAdapter {
  return {
    channel: 'sms',
    provider: 'http-sms',
    rateLimit: settings.ratePerSecond ? { perSecond: settings.ratePerSecond, burst: Math.max(1, Math.ceil(settings.ratePerSecond)) } : undefined,
    async send(message) {
      let res: Response;
      try {
        res = await fetch(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
          },
          body: JSON.stringify({ to: message.to, text: message.body, reference: message.id }),
          signal: AbortSignal.timeout(settings.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new TransientError(`SMS gateway unreachable: ${err instanceof Error ? err.message : String(err)}`);
      }
      const text = await res.text();
      if (res.status === 429 || res.status >= 500) throw new TransientError(`SMS gateway ${res.status}: ${text.slice(0, 300)}`);
      if (!res.ok) throw new PermanentError(`SMS gateway refused (${res.status}): ${text.slice(0, 300)}`);
      let body: { id?: unknown; messageId?: unknown } = {};
      try {
        body = JSON.parse(text);
      } catch {
        /* a gateway that answers 2xx without JSON still took the message; fall back to our reference */
      }
      const id = body.id ?? body.messageId;
      return { providerMessageId: typeof id === 'string' || typeof id === 'number' ? String(id) : message.id };
    },
  };
}
