import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import type { SendingView } from '../api/types.ts';
import { formatTime } from '../app/time.ts';

const percent = (rate: number) => `${(rate * 100).toLocaleString('en', { maximumFractionDigits: 2 })}%`;
const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/**
 * Marketing's sending brake, on every marketing page: when bounces or
 * complaints paused the tips, what happened in figures, that nothing is lost,
 * and for a manager the one button that resumes them. Nothing when sending runs.
 */
export function SendingBanner({ api, manager }: { api: Api; manager: boolean }) {
  const [view, setView] = useState<SendingView | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [resumed, setResumed] = useState(false);
  useEffect(() => {
    let current = true;
    void api.get<SendingView>('/marketing/sending').then((answer) => current && answer.ok && setView(answer.value));
    return () => {
      current = false;
    };
  }, []);

  if (resumed && view?.status === 'running') {
    return (
      <p class="sending-banner resumed" role="status">
        Marketing email resumed. The tips that waited go out in each lead’s send window.
      </p>
    );
  }
  if (view?.status !== 'paused') return null;
  const { paused, waiting } = view;
  const which = paused.because === 'bounces' ? paused.bounces : paused.complaints;
  const what = paused.because === 'bounces' ? 'permanent bounces' : 'spam complaints';

  const resume = async () => {
    setBusy(true);
    setProblem(undefined);
    const answer = await api.send<SendingView>('POST', '/marketing/sending/resume', {});
    setBusy(false);
    if (!answer.ok) return setProblem(answer.message);
    setView(answer.value);
    setResumed(true);
  };

  return (
    <section class="sending-banner paused" role="alert" aria-labelledby="sending-paused-title">
      <h2 id="sending-paused-title">Marketing email is paused</h2>
      <p>
        {plural(which.count, what.slice(0, -1), what)} in {plural(paused.sends, 'send')} over the last {plural(paused.windowDays, 'day')} ({percent(which.rate)}) reached
        Stoke’s limit of {percent(which.threshold)}, so tips stopped on {formatTime(paused.at)} before the sending domain’s reputation suffers (AWS reviews an account at 5%
        bounces or 0.1% complaints).
      </p>
      <p>
        {plural(waiting, 'tip or confirmation', 'tips and confirmations')} {waiting === 1 ? 'waits' : 'wait'}; nothing is lost or skipped. Sales email (handoffs, reminders,
        reviews) keeps going.
      </p>
      {manager ? (
        <>
          <p>Before resuming, remove the list or form that brought the bad addresses. Resuming sends what waited, each in its lead’s send window.</p>
          <button type="button" onClick={resume} disabled={busy}>
            {busy ? 'Resuming…' : 'Resume marketing email'}
          </button>
        </>
      ) : (
        <p class="meta">A sales manager resumes marketing email once the cause is fixed.</p>
      )}
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
    </section>
  );
}
