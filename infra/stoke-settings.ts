/** Deployment settings, read from CDK context and validated in `app.ts`. */
export type StokeSettings = {
  /** Origins (`https://*.example.com` patterns allowed) whose scripts may post leads. */
  readonly allowedOrigins: readonly string[];
  /** Hosts a form may redirect people to after posting. */
  readonly redirectHosts: readonly string[];
  /** Consent wording version recorded for forms that do not send their own. */
  readonly consentTextVersion: string;
  /** Requests one IP address may send in 5 minutes. */
  readonly rateLimitPerIp: number;
  /** From address of Stoke's emails, on a verified SES identity. */
  readonly senderAddress: string;
  /** SES identity (domain or address) the stack declares for sending; without it, the sender's domain must be verified already. */
  readonly sesIdentity?: string | undefined;
  /** Company name shown in every email. */
  readonly companyName: string;
  /** Postal address shown in every email (CAN-SPAM). */
  readonly companyPostalAddress: string;
  /** Base URL the one-click links of emails use (a custom domain of the API); default: the API's own v1 stage URL. */
  readonly publicBaseUrl?: string | undefined;
  /** Where every handoff is posted as signed JSON (the team's chat or CRM); unset turns the webhook off. */
  readonly handoffWebhookUrl?: string | undefined;
  /** Address that also unsubscribes by email (List-Unsubscribe mailto) in marketing email; unset offers the HTTPS link only. */
  readonly unsubscribeMailto?: string | undefined;
  /** IANA time zone of the weekly lead review: its Monday 08:00 sends it, its weeks bound the reports. */
  readonly reviewTimeZone: string;
  /**
   * Who is emailed Stoke's alarms (infra/constructs/operations.ts): SNS asks
   * each address to confirm first. Default none: the alarms still show in
   * CloudWatch, and other endpoints can subscribe to the AlarmTopicArn output.
   */
  readonly alarmEmails: readonly string[];
};
