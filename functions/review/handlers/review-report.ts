import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Caller } from '../../auth/caller.ts';
import { httpHandler } from '../../platform/lambda-handler.ts';
import { header, jsonResponse } from '../../platform/http-response.ts';
import { logger } from '../../platform/observability.ts';
import { parseFields } from '../../platform/request-body.ts';
import { routeTable } from '../../auth/route-table.ts';
import * as z from '../../platform/zod.ts';
import { isWeekId, lastCompleteWeek } from '../iso-week.ts';
import { loadWeeklyReview } from '../load-review.ts';
import { reviewCsv } from '../review-csv.ts';
import { reviewDeps as deps } from '../review-wiring.ts';
import { managerView } from '../manager-view.ts';

const WeekQuery = z.object({ week: z.optional(z.string().check(z.refine(isWeekId, 'must be an ISO week such as 2026-W48'))) });

/**
 * `GET /reports/weekly?week=YYYY-Www` for managers: their team's review as
 * JSON, or CSV with `?format=csv` or `Accept: text/csv`. Default: last week.
 */
export const reportHandler = routeTable('review-report', { 'GET /reports/weekly': weeklyReport });

async function weeklyReport(event: APIGatewayProxyEvent, caller: Caller): Promise<APIGatewayProxyResult> {
  const week = parseFields(WeekQuery, event.queryStringParameters ?? {}).week ?? lastCompleteWeek(deps.now(), deps.timeZone);

  const review = managerView(await loadWeeklyReview(week, deps), await deps.reps.list(), caller.email);
  logger.info('weekly review served', { week, reps: review.reps.length });
  const csv = event.queryStringParameters?.format === 'csv' || (header(event, 'accept') ?? '').includes('text/csv');
  if (!csv) return jsonResponse(200, review);
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="lead-review-${week}.csv"` },
    body: reviewCsv(review),
  };
}

export const handler = httpHandler(reportHandler);
