import { readFileSync } from 'node:fs';
import type { EmailSignal, Lead } from '../../functions/leads/lead.ts';
import type { LeadStore } from '../../functions/leads/lead-store.ts';
import { type CallCount, callCounts, invocationCounts, resetCallCounts } from '../../functions/platform/call-counter.ts';
import type { Group } from '../../functions/auth/caller.ts';
import { issueDevToken } from '../local/dev-tokens.ts';
import type { SesEventRequest } from '../local/ses-events.ts';
import type { SentMessage } from '../local/ses.ts';
import type { BehaviourModel, RepDiligence } from './behaviour-model.ts';
import type { Engine } from './engine.ts';
import { filterMatrix, personTruth, type Truth, truthLedger } from './filter-matrix.ts';
import { callsBetween, type FigureRead, type FigureReadCost, invocationsBetween, lastQuarter, marketingReads, partitionSize, readCost } from './figures-read.ts';
import { addressIn, type ImageProxy, type Act, type MachineBehaviour, imageProxyOf, machineActs, machinesBehind } from './machines.ts';
import { outcomeLeadsOf } from '../../functions/learning/read-outcome-leads.ts';
import { buyWithinYearShare, plantedAnswers, plantedSignalReport } from './planted-signal.ts';
import { type Random, streamFor } from './prng.ts';

const hour = 3_600_000;
const day = 24 * hour;
const tickMs = 12 * hour;
const month = 30.44 * day;

export const finalStates = ['purchased', 'not-interested', 'in-progress', 'assigned-never-contacted', 'unsubscribed', 'suppressed', 'nurturing', 'not-nurtured', 'capture-failed'] as const;
export type FinalState = (typeof finalStates)[number];

type Person = {
  index: number;
  email: string;
  profile: BehaviourModel['profiles'][number];
  /** What they tell the form: their profile's answers, and in the planted world an interest and a job title. */
  answers: Record<string, string>;
  consent: boolean;
  country: string;
  captureTick: number;
  /** Day (since the start) the person becomes ready to buy; Infinity: not within the run. */
  readyDay: number;
  resubmits: boolean;
  hardBounce: boolean;
  /** The machines that open and click this person's email. */
  machines: MachineBehaviour[];
  /** Their webmail's image proxy, through which their own opens arrive. */
  imageProxy: ImageProxy | undefined;
  rng: Random;
  /** Draws for the mailbox and the machines, apart from the person's own: the machine model changes no person's choices. */
  mailbox: Random;
  leadId?: string;
  capturedHot?: boolean;
  tips: number;
  gone: boolean;
  resubmitted: boolean;
};

/** A lead in someone's hands: a rep's, or the fallback queue's manager's (`repId` 'queue'). */
type SalesTask = { leadId: string; person: Person; repId: string; email: string; diligence: RepDiligence; rng: Random; nextAt: number; contacts: number; saleAt: number; stopAfter: number; done: boolean };

// Each kind of SES event without the message id, which the simulator takes from the message itself.
type WithoutMessageId<Request> = Request extends unknown ? Omit<Request, 'messageId'> : never;

export type SimulationProgress = { tick: number; ticks: number; now: Date; captured: number; tips: number; handoffs: number; purchased: number };

export type SimulationOptions = {
  engine: Engine;
  model: BehaviourModel;
  leads: number;
  weeks: number;
  seed: number;
  /** Plays the behaviour model's planted world and reports what learning from outcomes finds in it (issue 20). */
  plant?: boolean;
  onProgress?: (progress: SimulationProgress) => void;
};

export type Figures = Awaited<ReturnType<typeof simulate>>['figures'];

const reps = JSON.parse(readFileSync(new URL('../local/seed-reps.json', import.meta.url), 'utf8')) as Array<{ repId: string; email: string }>;

export async function simulate(options: SimulationOptions) {
  const { engine, model, leads, weeks, seed } = options;
  const planted = options.plant ? model.planted : undefined;
  if (options.plant && !planted) throw new Error('Simulation: planting a signal needs the behaviour model\'s "planted" section');
  const engagement = planted ? { ...model.engagement, ...planted.engagement } : model.engagement;
  const started = performance.now();
  const timings = { captureMs: 0, advanceMs: 0, engagementMs: 0, salesMs: 0, readBackMs: 0, marketingReadsMs: 0 };
  resetCallCounts();

  const startMs = engine.now().getTime();
  const ticks = Math.max(1, Math.round((weeks * 7 * day) / tickMs));
  const arrivalTicks = Math.max(1, Math.floor(ticks * 0.75));
  const people: Person[] = [];
  const byLead = new Map<string, Person>();
  for (let index = 0; index < leads; index++) {
    const rng = streamFor(seed, `person-${index}`);
    const mailbox = streamFor(seed, `mailbox-${index}`);
    const profile = rng.weighted((planted?.profiles ?? model.profiles).map((p) => ({ value: p, weight: p.share })));
    const captureTick = rng.int(0, arrivalTicks - 1);
    const captureDay = (captureTick * tickMs) / day;
    // Drawn from a stream of their own, so the planted world changes no other choice of the person's.
    const answers = { ...profile.fields, ...(planted ? plantedAnswers(planted, streamFor(seed, `planted-${index}`)) : {}) };
    const buyShare = planted ? buyWithinYearShare(planted, answers) : model.buyWithinYearShare;
    const readyDay = profile.readyAtCapture ? captureDay : rng.chance(buyShare) ? captureDay + rng.between(0, 365) : Number.POSITIVE_INFINITY;
    people.push({
      index,
      email: `p${index}.s${seed}@co${index % 211}.example.com`,
      profile,
      answers,
      consent: rng.chance(model.consentShare),
      country: rng.weighted(model.countries),
      captureTick,
      readyDay,
      resubmits: rng.chance(model.engagement.resubmitWhenReady),
      hardBounce: rng.chance(engagement.hardBouncePerLead),
      machines: machinesBehind(model.machines, mailbox),
      imageProxy: imageProxyOf(model.engagement.imageProxies, mailbox),
      rng,
      mailbox,
      tips: 0,
      gone: false,
      resubmitted: false,
    });
  }

  const counters = { apiRequests: 0, captured: 0, tips: 0, humanOpens: 0, humanClicks: 0, machineOpens: 0, machineClicks: 0, unsubscribes: 0, complaints: 0, bounces: 0, resubmits: 0, reminders: 0, escalations: 0, weeklyReviews: 0, confirmations: 0, contactsLogged: 0, purchasesLogged: 0, lostLogged: 0 };
  const handoffs: Array<{ leadId: string; person: Person; to: string; repId: string; day: number; tipsBefore: number; capturedHot: boolean }> = [];
  const weekly = Array.from({ length: weeks }, (_, w) => ({ week: w + 1, captured: 0, tips: 0, handoffs: 0, purchased: 0 }));
  const weekOf = (ms: number) => Math.min(weeks - 1, Math.floor((ms - startMs) / (7 * day)));
  const tasks: SalesTask[] = [];
  const engaged = new Set<string>();
  const tokens = new Map<string, string>();
  const ledger = truthLedger();
  // Marketing's brake as the run met it: each pause, and when the simulated manager resumed it.
  const brakePauses: Array<{ pausedAt: string; because: string; resumedAt: string }> = [];
  const tipLinks = [...model.links.browse, ...model.links.highIntent];

  const post = async (path: string, body: unknown, init: { method?: string; token?: string; raw?: string; contentType?: string } = {}) => {
    counters.apiRequests++;
    const { status, body: text } = await engine.request(init.method ?? 'POST', path, {
      body: init.raw ?? JSON.stringify(body),
      ...(init.contentType ? { contentType: init.contentType } : {}),
      ...(init.token ? { token: init.token } : {}),
    });
    return { status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, any>) : text };
  };
  const tokenFor = async (email: string, groups: Group[]) => {
    const key = `${email}@${Math.floor(engine.now().getTime() / tickMs)}`;
    let token = tokens.get(key);
    if (!token) {
      token = await issueDevToken(email, groups, engine.now());
      tokens.set(key, token);
    }
    return token;
  };

  const capture = async (person: Person, extra: Record<string, string> = {}) => {
    const t0 = performance.now();
    const answer = await post('/leads', {
      email: person.email,
      firstName: `Person${person.index}`,
      company: `Company ${person.index % 211}`,
      country: person.country,
      consent: person.consent,
      need: 'We want to follow up every inquiry and stop losing leads between marketing and sales.',
      ...person.answers,
      ...extra,
    });
    timings.captureMs += performance.now() - t0;
    return answer;
  };

  const sesEvent = async (message: SentMessage, request: WithoutMessageId<SesEventRequest>) => {
    const t0 = performance.now();
    await engine.sesEvent(message, { ...request, messageId: message.messageId });
    timings.engagementMs += performance.now() - t0;
  };

  /**
   * What people and machines do about their tips, each done on the tick its moment falls in, in the order they
   * happen (the filter judges a click against the clicks before it); what falls after the run's end never happens.
   */
  let pending: Array<{ atMs: number; happen: () => Promise<void> }> = [];
  const happenUntil = async (untilMs: number) => {
    const due = pending.filter((p) => p.atMs <= untilMs).sort((a, b) => a.atMs - b.atMs);
    pending = pending.filter((p) => p.atMs > untilMs);
    for (const { happen } of due) await happen();
  };
  /** An open or click on a tip, posted with the truth of who made it. */
  const signal = (message: SentMessage, act: Act, truth: Truth) =>
    pending.push({
      atMs: act.atMs,
      happen: async () => {
        counters[truth.by === 'machine' ? (act.type === 'open' ? 'machineOpens' : 'machineClicks') : act.type === 'open' ? 'humanOpens' : 'humanClicks']++;
        if (truth.by === 'person') engaged.add(tag(message, 'leadId')!);
        const at = ledger.claim(message.messageId, truth, act.atMs);
        await sesEvent(message, act.type === 'open' ? { type: 'open', userAgent: act.userAgent, ip: act.ip, at } : { type: 'click', link: act.link!, userAgent: act.userAgent, ip: act.ip, at });
      },
    });
  const byMachine = (message: SentMessage, machine: MachineBehaviour, acts: Act[]) => {
    for (const act of acts) signal(message, act, { by: 'machine', id: machine.id, kind: machine.kind });
  };

  const tag = (m: SentMessage, name: string) => m.tags.find((t) => t.name === name)?.value;
  let seen = 0;

  /** What a person does about an email that reached them; `late`: sent as the run ended, counted, and nobody acts on it. */
  const react = async (message: SentMessage, nowMs: number, late = false) => {
    const template = tag(message, 'template');
    const leadId = tag(message, 'leadId');
    const sentMs = Date.parse(message.sentAt);
    if (template === 'first-contact-reminder') counters.reminders++;
    else if (template === 'first-contact-escalation') counters.escalations++;
    else if (template === 'weekly-review') counters.weeklyReviews++;
    else if (template === 'subscription-confirm') counters.confirmations++;
    if (!leadId) return;
    const person = byLead.get(leadId);
    if (!person) return;

    if (template === 'rep-handoff' || template === 'lead-parked') {
      const to = message.destination.to[0] ?? '';
      const repId = reps.find((r) => r.email === to)?.repId ?? 'queue';
      handoffs.push({ leadId, person, to, repId, day: (sentMs - startMs) / day, tipsBefore: person.tips, capturedHot: person.capturedHot === true });
      weekly[weekOf(sentMs)]!.handoffs++;
      if (late) return;
      const diligence = repId === 'queue' ? model.sales.queue : (model.sales.reps[repId] ?? model.sales.defaultRep);
      if (!diligence) return; // nobody works the queue
      const rng = streamFor(seed, `sales-${person.index}-${handoffs.length}`);
      const ready = person.readyDay <= (sentMs - startMs) / day;
      const bands = model.sales.saleAtContact;
      const band = rng.weighted(bands.map((b) => ({ value: b, weight: b.share })));
      const saleAt = ready ? rng.int(band.contacts[0], band.contacts[1]) : Number.POSITIVE_INFINITY;
      // The deadline is one business hour after the handoff: a diligent rep calls within it.
      const firstAt = rng.chance(diligence.firstContactBeforeDeadline) ? sentMs + rng.between(0.1, 0.9) * hour : rng.chance(0.5) ? sentMs + rng.between(2, 5) * day : Number.POSITIVE_INFINITY;
      const stopAfter = rng.chance(diligence.neverFollowUp) ? 1 : ready ? model.sales.maxContacts : rng.int(2, 4);
      tasks.push({ leadId, person, repId, email: to, diligence, rng, nextAt: firstAt, contacts: 0, saleAt, stopAfter, done: false });
      return;
    }

    if (!tag(message, 'sequence') || person.gone || late) return;
    // A nurture tip reached the person's mailbox.
    person.tips++;
    counters.tips++;
    weekly[weekOf(sentMs)]!.tips++;
    const rng = person.rng;
    if (person.hardBounce) {
      person.gone = true;
      counters.bounces++;
      await sesEvent(message, { type: 'bounce', bounceType: 'Permanent', at: message.sentAt });
      return;
    }
    // The simulator posts no Delivery events: SES delivers within moments of sending, so machines count from sending.
    for (const m of person.machines.filter((m) => m.trigger === 'delivery')) byMachine(message, m, machineActs(m, sentMs, { all: tipLinks }, person.mailbox));
    const e = engagement;
    const ready = person.readyDay <= (nowMs - startMs) / day;
    const atMs = Math.floor(sentMs + rng.between(e.humanDelayHours.min, e.humanDelayHours.max) * hour);
    if (ready ? rng.chance(e.readyClickPerTip) : rng.chance(e.openPerTip)) {
      const proxy = person.imageProxy;
      const opened = proxy ? { userAgent: proxy.userAgent, ip: addressIn(person.mailbox.pick(proxy.networks), person.mailbox) } : e.browser;
      signal(message, { type: 'open', atMs, ...opened }, personTruth('open', proxy?.id));
      let clicked: string | undefined;
      if (ready || rng.chance(e.clickPerOpen)) {
        clicked = rng.pick(ready ? model.links.highIntent : model.links.browse);
        signal(message, { type: 'click', atMs, link: clicked, ...e.browser }, personTruth('click'));
      }
      for (const m of person.machines.filter((m) => m.trigger === 'person-open')) byMachine(message, m, machineActs(m, atMs, { all: tipLinks, clicked }, person.mailbox));
    }
    // Decided now, so no later tip draws a reaction; done when the person reads.
    if (rng.chance(e.complaintPerTip)) {
      person.gone = true;
      pending.push({
        atMs,
        happen: async () => {
          counters.complaints++;
          await sesEvent(message, { type: 'complaint', at: new Date(atMs).toISOString() });
        },
      });
    } else if (!ready && rng.chance(e.unsubscribePerTip)) {
      const header = message.headers.find((h) => h.name.toLowerCase() === 'list-unsubscribe')?.value ?? '';
      const url = /<(https?:[^>]+)>/.exec(header)?.[1];
      if (url) {
        person.gone = true;
        pending.push({
          atMs,
          happen: async () => {
            counters.unsubscribes++;
            const answer = await post(url.replace(/^https?:\/\/[^/]+/, ''), undefined, { raw: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' });
            expectOk(answer, 'a one-click unsubscribe');
          },
        });
      }
    }
  };

  const work = async (task: SalesTask, nowMs: number) => {
    const t0 = performance.now();
    // The queue is worked by its manager, who signs in as one.
    const token = await tokenFor(task.email, task.repId === 'queue' ? ['manager'] : ['rep']);
    const contacted = await post(`/leads/${task.leadId}/contacts`, { channel: task.rng.pick(['call', 'email', 'meeting'] as const), outcome: 'talked' }, { token });
    if (contacted.status === 403 || contacted.status === 409) {
      task.done = true; // reassigned (403) or closed (409) meanwhile: no longer this person's lead
    } else {
      expectOk(contacted, 'logging a contact');
      task.contacts++;
      counters.contactsLogged++;
      if (task.contacts >= task.saleAt) {
        expectOk(await post(`/leads/${task.leadId}/status`, { status: 'purchased', value: 25000 }, { method: 'PUT', token }), 'recording a purchase');
        counters.purchasesLogged++;
        weekly[weekOf(nowMs)]!.purchased++;
        task.done = true;
      } else if (task.contacts >= task.stopAfter) {
        // Someone who never follows up leaves the lead open after one contact; the others close it with a reason.
        if (task.stopAfter > 1) {
          const reason = task.rng.weighted(model.sales.notInterestedReasons);
          expectOk(await post(`/leads/${task.leadId}/status`, { status: 'not-interested', reason }, { method: 'PUT', token }), 'closing a lead');
          counters.lostLogged++;
        }
        task.done = true;
      } else {
        task.nextAt = nowMs + (7 * day) / task.diligence.contactsPerWeek;
      }
    }
    timings.salesMs += performance.now() - t0;
  };

  /**
   * A sales manager reads the managers' email about a paused brake, finds the list that brought the bounces or
   * complaints, and resumes marketing a day after it paused: the tips that waited go out again.
   */
  const resumeBrakeAfterADay = async (nowMs: number) => {
    const sending = await post('/marketing/sending', undefined, { method: 'GET', token: await tokenFor('marketing@stoke.example', ['marketing']) });
    const paused = (sending.body as { status?: string; paused?: { at: string; because: string } }).paused;
    if ((sending.body as { status?: string }).status !== 'paused' || !paused || nowMs - Date.parse(paused.at) < day) return;
    expectOk(await post('/marketing/sending/resume', {}, { token: await tokenFor('maria.keller@stoke.example', ['manager']) }), 'resuming marketing email');
    brakePauses.push({ pausedAt: paused.at, because: paused.because, resumedAt: new Date(nowMs).toISOString() });
  };

  for (let tick = 0; tick < ticks; tick++) {
    const nowMs = engine.now().getTime();
    for (const person of people) {
      if (person.captureTick === tick) {
        const answer = await capture(person);
        // 503 (a dependency failed after retries) is an outcome to count; any other refusal is a fault.
        if (answer.status !== 503) expectOk(answer, 'posting a lead');
        if (answer.status === 201 || answer.status === 200) {
          const body = answer.body as { leadId: string; temperature: string };
          person.leadId = body.leadId;
          person.capturedHot = body.temperature === 'hot';
          byLead.set(body.leadId, person);
          counters.captured++;
          weekly[weekOf(nowMs)]!.captured++;
        }
      } else if (person.leadId && !person.resubmitted && !person.capturedHot && person.resubmits && person.readyDay <= (nowMs - startMs) / day) {
        // Ready to buy: comes back through the form, now with a timeline and a budget.
        person.resubmitted = true;
        counters.resubmits++;
        expectOk(await capture(person, { timeline: 'now', authority: 'decision-maker', budget: '50k-250k' }), 'posting a lead again');
      }
    }
    const t0 = performance.now();
    await engine.advance(tickMs);
    timings.advanceMs += performance.now() - t0;
    const after = engine.now().getTime();

    const fresh = engine.sent().slice(seen);
    seen += fresh.length;
    fresh.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || (tag(a, 'template') ?? '').localeCompare(tag(b, 'template') ?? '') || a.destination.to.join().localeCompare(b.destination.to.join()) || (byLead.get(tag(a, 'leadId') ?? '')?.index ?? -1) - (byLead.get(tag(b, 'leadId') ?? '')?.index ?? -1));
    for (const message of fresh) await react(message, after);
    await happenUntil(after);

    for (const task of tasks) if (!task.done && task.nextAt <= after) await work(task, after);
    await resumeBrakeAfterADay(after);
    // Mail sent while reacting (handoffs after a click) is read on the next tick.
    options.onProgress?.({ tick: tick + 1, ticks, now: new Date(after), captured: counters.captured, tips: counters.tips, handoffs: handoffs.length, purchased: counters.purchasesLogged });
  }
  await engine.settle();
  // Mail sent on the last tick (a handoff after a click) is read after it: the lead went to sales within the run.
  for (const message of engine.sent().slice(seen)) await react(message, engine.now().getTime(), true);

  // Every synthetic person, in exactly one final state, read back from the table.
  const t1 = performance.now();
  const leadItems = new Map((await engine.leads.capturedBetween(new Date(startMs).toISOString(), engine.now().toISOString())).map((lead) => [lead.leadId, lead]));
  // Every open and click the leads keep, judged by the filter, against who made it.
  const signals = await signalsOfEvery(engine.leads, [...byLead.keys()]);
  const outcomeLeads = planted ? await outcomeLeadsOf(engine.leads, [...leadItems.values()]) : undefined;
  timings.readBackMs = performance.now() - t1;
  const filter = filterMatrix(ledger, signals, [
    personTruth('open'),
    ...model.engagement.imageProxies.map((proxy) => personTruth('open', proxy.id)),
    personTruth('click'),
    ...model.machines.map((m): Truth => ({ by: 'machine', id: m.id, kind: m.kind })),
  ]);
  const states = Object.fromEntries(finalStates.map((s) => [s, 0])) as Record<FinalState, number>;
  const stateOf = (person: Person): FinalState => {
    const lead = person.leadId ? leadItems.get(person.leadId) : undefined;
    if (!lead) return 'capture-failed';
    if (lead.status === 'purchased') return 'purchased';
    if (lead.status === 'not-interested') return 'not-interested';
    if (lead.status === 'in-progress') return 'in-progress';
    if (lead.status === 'assigned') return 'assigned-never-contacted';
    if (lead.marketing?.suppressed) return 'suppressed';
    if (lead.marketing?.unsubscribedAt) return 'unsubscribed';
    if (lead.nurture && lead.nurture.status !== 'exited') return 'nurturing';
    return 'not-nurtured';
  };
  const perPerson = people.map((p) => stateOf(p));
  for (const s of perPerson) states[s]++;

  const handedLeads = new Set(handoffs.map((h) => h.leadId));
  const hotAfterCapture = handoffs.filter((h) => !h.capturedHot);
  const byTip: Record<string, number> = {};
  for (const h of hotAfterCapture) byTip[String(h.tipsBefore)] = (byTip[String(h.tipsBefore)] ?? 0) + 1;
  const byWeekHot: Record<string, number> = {};
  for (const h of hotAfterCapture) byWeekHot[String(Math.floor(h.day / 7) + 1)] = (byWeekHot[String(Math.floor(h.day / 7) + 1)] ?? 0) + 1;
  const perRep: Record<string, { handoffs: number; contacts: number; purchased: number }> = {};
  for (const h of handoffs) (perRep[h.repId] ??= { handoffs: 0, contacts: 0, purchased: 0 }).handoffs++;
  for (const t of tasks) {
    const r = (perRep[t.repId] ??= { handoffs: 0, contacts: 0, purchased: 0 });
    r.contacts += t.contacts;
    if (t.contacts >= t.saleAt) r.purchased++;
  }
  const hotAtCapture = people.filter((p) => p.capturedHot);
  const purchasedPeople = people.filter((_, i) => perPerson[i] === 'purchased');

  const calls = callCounts();
  const invocations = invocationCounts();
  const invocationTotal = invocations.reduce((s, i) => s + i.invocations, 0);
  const scheduled = engine.scheduledInvocations();

  // Marketing reads its figures of the run's last quarter through the API, as a marketer would in the desk, after
  // everything the run started has finished. Counted apart: the run's calls and cost above leave these reads out.
  const t2 = performance.now();
  const quarter = lastQuarter(startMs, engine.now().getTime());
  const marketer = await tokenFor('marketing@stoke.example', ['marketing']);
  const reads: FigureRead[] = [];
  const readCosts: FigureReadCost[] = [];
  for (const { figure, path } of marketingReads) {
    await engine.settle();
    const callsBefore = callCounts();
    const invocationsBefore = invocationCounts();
    const r0 = performance.now();
    const answer = await engine.request('GET', `${path}?from=${quarter.from}&to=${quarter.to}`, { token: marketer });
    const ms = performance.now() - r0;
    await engine.settle();
    if (answer.status !== 200) throw new Error(`Simulation: marketing reading ${path} answered ${answer.status}: ${answer.body}`);
    reads.push({ figure, path, status: answer.status, days: quarter.days, bytes: Buffer.byteLength(answer.body, 'utf8') });
    if (engine.countsCalls) readCosts.push(readCost(figure, callsBetween(callsBefore, callCounts()), invocationsBetween(invocationsBefore, invocationCounts()), ms));
  }
  const partitions: Array<{ day: string; items: Awaited<ReturnType<Engine['figurePartition']>> }> = [];
  for (let at = Date.parse(`${quarter.from}T00:00:00Z`); at <= Date.parse(`${quarter.to}T00:00:00Z`); at += day) {
    const d = new Date(at).toISOString().slice(0, 10);
    partitions.push({ day: d, items: await engine.figurePartition(d) });
  }
  timings.marketingReadsMs = performance.now() - t2;

  const figures = {
    seed,
    leads,
    weeks,
    startAt: new Date(startMs).toISOString(),
    endAt: engine.now().toISOString(),
    // What the run covered in the unit contact databases are priced by: each lead from its capture to the end.
    contactMonths: people.reduce((sum, p) => sum + (p.leadId ? (engine.now().getTime() - startMs - p.captureTick * tickMs) / month : 0), 0),
    funnel: {
      captured: counters.captured,
      capturedHot: hotAtCapture.length,
      receivedTips: people.filter((p) => p.tips > 0).length,
      engagedByAPerson: engaged.size,
      handedToSales: handedLeads.size,
      contacted: new Set(tasks.filter((t) => t.contacts > 0).map((t) => t.leadId)).size,
      purchased: purchasedPeople.length,
    },
    finalStates: states,
    hotAfterCapture: { leads: new Set(hotAfterCapture.map((h) => h.leadId)).size, byTipNumber: byTip, byWeek: byWeekHot, medianDay: median(hotAfterCapture.map((h) => h.day)) },
    handoffsPerRep: perRep,
    deadlines: { remindersSent: counters.reminders, escalations: counters.escalations },
    filter,
    email: { tips: counters.tips, humanOpens: counters.humanOpens, humanClicks: counters.humanClicks, machineOpens: counters.machineOpens, machineClicks: counters.machineClicks, unsubscribes: counters.unsubscribes, complaints: counters.complaints, hardBounces: counters.bounces, suppressedLeads: states.suppressed, resubmits: counters.resubmits, weeklyReviews: counters.weeklyReviews, totalSent: engine.sent().length },
    withoutNurture: {
      handedToSales: hotAtCapture.length,
      purchased: purchasedPeople.filter((p) => p.capturedHot).length,
      extraHandoffsFromNurture: handedLeads.size - hotAtCapture.filter((p) => p.leadId && handedLeads.has(p.leadId)).length,
      extraPurchasesFromNurture: purchasedPeople.filter((p) => !p.capturedHot).length,
    },
    weekly,
    engine: engine.name,
    // Counted on the DynamoDB engine only: the in-memory adapters make no SDK calls.
    awsCalls: engine.countsCalls ? { total: byOperation(calls), byFunction: byFunction(calls), marketingReads: readCosts } : undefined,
    // Marketing's figures of the run's last quarter, read at the end through the API; what each read cost is in awsCalls.marketingReads.
    marketingReads: { period: quarter, reads, partition: partitionSize(partitions) },
    invocations: invocations.map(({ fn, invocations: count, totalMs }) => ({ fn, invocations: count, meanMs: Math.round((totalMs / count) * 100) / 100 })),
    lambdaInvocations: { api: counters.apiRequests, busDeliveries: invocationTotal - counters.apiRequests - scheduled, scheduled, total: invocationTotal },
    deadLetters: engine.deadLetters(),
    brakePauses,
    // What learning from outcomes finds in the planted world, against what was planted.
    plantedSignal: planted && outcomeLeads ? plantedSignalReport(outcomeLeads, planted) : undefined,
  };
  return { figures, perPerson, timings: { ...timings, totalMs: performance.now() - started } };
}

/** The signals of every lead, a few leads at a time. */
async function signalsOfEvery(leads: LeadStore, leadIds: string[]): Promise<EmailSignal[]> {
  const signals: EmailSignal[] = [];
  for (let i = 0; i < leadIds.length; i += 8) for (const some of await Promise.all(leadIds.slice(i, i + 8).map((id) => leads.signalsOf(id)))) signals.push(...some);
  return signals;
}

/** A synthetic person asked for something the API should grant: anything else is a fault of the simulation or of Stoke, never a figure. */
function expectOk(answer: { status: number; body: unknown }, doing: string): void {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`Simulation: ${doing} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 10) / 10;
}

/** Each function's calls, by service and operation. */
function byFunction(calls: CallCount[]) {
  return [...new Set(calls.map((c) => c.fn))].map((fn) => ({ fn, calls: byOperation(calls.filter((c) => c.fn === fn)) }));
}

/** Counts summed over functions, by service and operation. */
function byOperation(calls: CallCount[]): Array<Omit<CallCount, 'fn'>> {
  const merged = new Map<string, Omit<CallCount, 'fn'>>();
  for (const { fn: _fn, ...call } of calls) {
    const key = `${call.service}:${call.operation}`;
    const entry = merged.get(key) ?? { service: call.service, operation: call.operation, count: 0, readUnits: 0, writeUnits: 0 };
    entry.count += call.count;
    entry.readUnits += call.readUnits;
    entry.writeUnits += call.writeUnits;
    merged.set(key, entry);
  }
  return [...merged.values()];
}
