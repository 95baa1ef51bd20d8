import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { htmlPage, jsonResponse, wantsHtml } from '../platform/http-response.ts';
import type { CaptureResult } from './capture-lead.ts';

/**
 * The answer a form or script gets. Spam is answered exactly like a new
 * lead so that bots learn nothing from it, and a retry exactly like the
 * request it repeats.
 */
export function captureResponse(
  result: CaptureResult,
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  redirect: URL | undefined,
): APIGatewayProxyResult {
  const [statusCode, body] = answerOf(result);

  if (redirect) return { statusCode: 303, headers: { Location: redirect.href }, body: '' };
  if (wantsHtml(event)) {
    return htmlPage(statusCode, { title: 'Thank you', message: 'We have your details and will be in touch soon.' });
  }
  return jsonResponse(statusCode, body);
}

function answerOf(result: CaptureResult): [number, { leadId: string; temperature: string }] {
  switch (result.type) {
    case 'spam':
      return [201, { leadId: result.submissionId, temperature: 'cold' }];
    case 'retried':
      return [result.first.status, { leadId: result.lead.leadId, temperature: result.first.temperature }];
    default:
      return [result.type === 'created' ? 201 : 200, { leadId: result.lead.leadId, temperature: result.lead.score.temperature }];
  }
}
