import { createHmac } from 'node:crypto';

export class WebhookRejectedError extends Error {
  constructor(status: number) {
    super(`The webhook answered ${status}`);
    this.name = 'WebhookRejectedError';
  }
}

/**
 * POSTs a JSON document signed with HMAC-SHA256 over the exact body, so the
 * receiver can check it came from Stoke (`X-Stoke-Signature: sha256=<hex>`).
 * `X-Stoke-Delivery` stays the same across retries, so the receiver can drop repeats.
 * Anything but a 2xx throws, which makes the platform retry and then dead-letter.
 */
export async function deliverWebhook(
  url: string,
  secret: Buffer,
  delivery: { id: string; event: string; document: unknown },
  timeoutMs = 10_000,
): Promise<void> {
  const body = JSON.stringify(delivery.document);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Stoke-Webhook/1',
      'X-Stoke-Event': delivery.event,
      'X-Stoke-Delivery': delivery.id,
      'X-Stoke-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new WebhookRejectedError(response.status);
}
