import bounced from './email-bounced.json' with { type: 'json' };
import clicked from './email-clicked.json' with { type: 'json' };
import complaintReceived from './email-complaint-received.json' with { type: 'json' };
import delivered from './email-delivered.json' with { type: 'json' };
import deliveryDelayed from './email-delivery-delayed.json' with { type: 'json' };
import opened from './email-opened.json' with { type: 'json' };
import rejected from './email-rejected.json' with { type: 'json' };
import renderingFailed from './email-rendering-failed.json' with { type: 'json' };
import sent from './email-sent.json' with { type: 'json' };
import subscribed from './email-subscribed.json' with { type: 'json' };

/** An SES event as EventBridge delivers it: the envelope, and SES's event record as `detail`. */
export type DocumentedSesEvent = {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: { eventType: string; mail: Record<string, unknown> } & Record<string, unknown>;
};

/**
 * Every SES event type Stoke routes or ignores, exactly as AWS documents it
 * (sources in README.md beside this file), keyed by the `type` of
 * `POST /_local/ses-events`. The local runtime builds its events from these,
 * and the tests run them through the rule and the handler.
 */
export const documentedSesEvents = {
  send: sent,
  delivery: delivered,
  'delivery-delay': deliveryDelayed,
  open: opened,
  click: clicked,
  bounce: bounced,
  complaint: complaintReceived,
  reject: rejected,
  'rendering-failure': renderingFailed,
  subscription: subscribed,
} as const satisfies Record<string, DocumentedSesEvent>;

export type SesEventType = keyof typeof documentedSesEvents;

export const sesEventTypes = Object.keys(documentedSesEvents) as SesEventType[];

/** The object beside `mail` that says what happened (`bounce`, `open`, `deliveryDelay`, `failure`, ...). */
export function eventObjectKey(event: DocumentedSesEvent): string {
  const [key, ...others] = Object.keys(event.detail).filter((field) => field !== 'eventType' && field !== 'mail');
  if (key === undefined || others.length > 0) throw new Error(`An SES ${event.detail.eventType} event has one object beside mail, found: ${[key, ...others].join(', ')}`);
  return key;
}
