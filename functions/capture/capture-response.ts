import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { htmlPage, jsonResponse, wantsHtml } from '../platform/http-response.ts';
import type { CaptureResult } from './capture-lead.ts';

/**
 * The answer a form or script gets. Spam is answered exactly like a new
 * lead so that bots learn nothing from it.
 */
export function captureResponse(
  result: CaptureResult,
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  redirect: URL | undefined,
): APIGatewayProxyResult {
  const [statusCode, body] =
    result.type === 'spam'
      ? [201, { leadId: result.submissionId, temperature: 'cold' }]
      : [result.type === 'created' ? 201 : 200, { leadId: result.lead.leadId, temperature: result.lead.score.temperature }];

  if (redirect) return { statusCode: 303, headers: { Location: redirect.href }, body: '' };
  if (wantsHtml(event)) {
    return htmlPage(statusCode, { title: 'Thank you', message: 'We have your details and will be in touch soon.' });
  }
  return jsonResponse(statusCode, body);
}
