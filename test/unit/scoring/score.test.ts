import { describe, expect, it } from 'vitest';
import { defaultScoringModel } from '../../../functions/scoring/default-model.ts';
import { type Scorable, score } from '../../../functions/scoring/score.ts';
import { parseScoringModel } from '../../../functions/scoring/scoring-model.ts';

const lead = (email: string, profile: Scorable['profile'] = {}, signals: Scorable['signals'] = []): Scorable => ({
  email,
  profile,
  signals,
});

describe('score with the default model', () => {
  it.each([
    {
      name: 'a decision-maker at a company domain, big budget, buying now',
      lead: lead('cfo@acme-industries.com', { authority: 'decision-maker', budget: '250k-plus', timeline: 'now' }),
      temperature: 'hot',
    },
    {
      name: 'a consenting influencer, six months out, no budget (free-mail)',
      lead: lead('ann@gmail.com', { authority: 'influencer', timeline: '6m', budget: 'none' }),
      temperature: 'warm',
    },
    {
      name: 'a consenting influencer, six months out, no budget (company mail)',
      lead: lead('ann@acme.io', { authority: 'influencer', timeline: '6m', budget: 'none' }),
      temperature: 'warm',
    },
    {
      name: 'a student on free-mail with no timeline',
      lead: lead('kid@yahoo.com', { authority: 'student', timeline: 'none' }),
      temperature: 'cold',
    },
  ])('$name is $temperature', ({ lead: input, temperature }) => {
    expect(score(input, defaultScoringModel).temperature).toBe(temperature);
  });

  it('explains every point: the breakdown adds up to the total', () => {
    const result = score(
      lead('vp@acme.com', { authority: 'decision-maker', budget: '10k-50k', jobTitle: 'VP Operations', need: 'Our follow-up of web leads is slow' }),
      defaultScoringModel,
    );

    expect(result.breakdown.map((l) => l.rule)).toEqual(['budget', 'authority', 'need', 'senior-title', 'company-email']);
    expect(result.breakdown.reduce((sum, l) => sum + l.points, 0)).toBe(result.total);
    expect(result.fit).toBe(12 + 25 + 10 + 10 + 10);
    expect(result.breakdown.every((l) => l.reason.length > 0)).toBe(true);
  });

  it.each([
    { name: 'disposable domain', email: 'x@mailinator.com', rule: 'disposable-email', points: -40 },
    { name: 'subdomain of a disposable domain', email: 'x@eu.mailinator.com', rule: 'disposable-email', points: -40 },
    { name: 'free-mail gets no company points', email: 'x@gmail.com', rule: 'company-email', points: undefined },
  ])('email domain: $name', ({ email, rule, points }) => {
    const line = score(lead(email), defaultScoringModel).breakdown.find((l) => l.rule === rule);
    expect(line?.points).toBe(points);
  });

  it('marks job seekers and students down', () => {
    const result = score(lead('a@gmail.com', { need: 'I am looking for a job in sales', jobTitle: 'Student' }), defaultScoringModel);
    expect(result.breakdown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'job-seeker', points: -30 }),
        expect.objectContaining({ rule: 'student-title', points: -15 }),
      ]),
    );
  });

  it('marks competitors down when the model lists them', () => {
    const model = parseScoringModel({ ...defaultScoringModel, domainLists: { ...defaultScoringModel.domainLists, competitors: ['rival.com'] } });
    const line = score(lead('spy@rival.com'), model).breakdown.find((l) => l.rule === 'competitor');
    expect(line?.points).toBe(-50);
  });

  it('counts a re-inquiry as engagement, once per day', () => {
    const result = score(
      lead('a@acme.com', {}, [
        { type: 're-inquiry', at: '2026-11-02T10:00:00.000Z' },
        { type: 're-inquiry', at: '2026-11-02T11:00:00.000Z' },
        { type: 're-inquiry', at: '2026-11-03T09:00:00.000Z' },
      ]),
      defaultScoringModel,
    );
    expect(result.engagement).toBe(20);
    expect(result.total).toBe(result.fit + 20);
  });
});
