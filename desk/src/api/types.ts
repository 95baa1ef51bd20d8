import type { HistoryEntry } from '../../../functions/leads/history.ts';
import type { Lead } from '../../../functions/leads/lead.ts';
import type { SignalShown } from '../../../functions/sales/desk-answers.ts';
// The shapes of Stoke's answers the desk reads: the functions' own types (imported as types,
// so nothing of the functions is bundled but the vocabulary's lists).

export { type Channel, channels } from '../../../functions/leads/vocabulary.ts';

export type { Lead, LeadStatus, NextStep, Owner, Touch } from '../../../functions/leads/lead.ts';
export type { BoardLead, InboxLead, InboxStep, RepOnBoardAnswer as RepOnBoard, SignalShown as EngagementSignal, TeamBoardAnswer as TeamBoard } from '../../../functions/sales/desk-answers.ts';
export type { LateOn } from '../../../functions/sales/team-board.ts';
export type { HistoryEntry };
export type ScoreLine = { rule: string; points: number; reason: string };

/** `GET /leads/{leadId}`: the lead, its history and signals, and the forms' choices. */
export type LeadDetail = {
  lead: Lead;
  history: HistoryEntry[];
  signals: SignalShown[];
  /** The sales policy's lists the forms offer, sent along so that the page is one request. */
  choices: { holdBackCategories: Array<{ id: string; label: string }>; notInterestedReasons: Array<{ id: string; label: string }> };
};

/** A 400 answer: one message per field. */
export type { FieldError } from '../../../functions/platform/errors.ts';

/** A rep of the roster (`GET /reps`, `POST /reps`, `PUT /reps/{repId}`), with its rotation count. */
export type { StoredRep as Rep } from '../../../functions/reps/rep-store.ts';

// `GET /reports/weekly` answers the review exactly as functions/review/weekly-review.ts builds it.
export type { Reconciliation, RepReview, SpeedToLead, WeeklyReview } from '../../../functions/review/weekly-review.ts';

// Marketing's figures (`GET /marketing/...`), exactly as functions/marketing/ builds them.
export type { Journey, JourneyStep, JourneyTrack, StepFigures } from '../../../functions/marketing/journey.ts';
export type { AuditWeek, FilterAudit, SignalCounts } from '../../../functions/marketing/filter-audit.ts';
export type { Funnel, FunnelCell, FunnelRow, FunnelStageId } from '../../../functions/marketing/funnel.ts';
export type { ConsentReport, ConsentWeek } from '../../../functions/marketing/consent-report.ts';
export type { RenderedTip, TrackTips } from '../../../functions/marketing/tips.ts';
export type { Period } from '../../../functions/marketing/period.ts';
export type { SendingView } from '../../../functions/sending/resume-sending.ts';
export type { JudgedSignal } from '../../../functions/marketing/tallies.ts';
/** Why the machine filter set an open or click aside. */
export type { MachineReason } from '../../../functions/engagement/classify-signal.ts';

// Marketing's score lab (`/marketing/scoring/...`), exactly as functions/learning/ builds it: the backtest, the signals and the suggested model.
export type { BacktestAnswer, SignalsAnswer } from '../../../functions/learning/score-lab.ts';
export type { Backtest, ModelBacktest, OperatingPoint, Wait } from '../../../functions/learning/backtest.ts';
export type { SignalLift, Verdict } from '../../../functions/learning/signal-lift.ts';
export type { SuggestedPoints, Suggestion } from '../../../functions/learning/suggest-model.ts';
/** `GET /marketing/scoring/model`: the shipped scoring model, as functions/scoring/ holds it. */
export type { ScoringModel } from '../../../functions/scoring/scoring-model.ts';
