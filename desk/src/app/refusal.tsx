/** What a manager's page shows when Stoke refuses it (a rep opening it: 403) or cannot answer. */
export function PageRefusal({ status, message, what }: { status: number; message: string; what: string }) {
  return (
    <section class="refusal">
      <h1 tabIndex={-1}>{status === 403 ? `The ${what} is for managers` : `The ${what} could not be loaded`}</h1>
      <p role="alert">{status === 403 ? `Stoke refused to show the ${what}: it is only for sales managers, for their own team.` : message}</p>
      {status === 403 && <p class="meta">Stoke said: {message}</p>}
      <p>
        <a href="/desk/leads">Back to my leads</a>
      </p>
    </section>
  );
}
