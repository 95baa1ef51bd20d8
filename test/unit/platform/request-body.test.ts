import { describe, expect, it } from 'vitest';
import { maxBodyBytes, readFields } from '../../../functions/platform/request-body.ts';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../../functions/platform/errors.ts';
import { apiEvent } from '../../support/api-event.ts';

const post = (body: string, contentType = 'application/json', isBase64Encoded = false) => ({
  ...apiEvent({ body, headers: { 'content-type': contentType } }),
  isBase64Encoded,
});

describe('readFields', () => {
  it('reads JSON objects', () => {
    expect(readFields(post('{"email":"a@b.co","x":1}'))).toEqual({ email: 'a@b.co', x: 1 });
  });

  it('reads urlencoded forms, first value of a repeated field winning', () => {
    const fields = readFields(post('email=a%40b.co&consent=on&consent=off&name=J%C3%BCrgen', 'application/x-www-form-urlencoded; charset=UTF-8'));
    expect(fields).toEqual({ email: 'a@b.co', consent: 'on', name: 'Jürgen' });
  });

  it('reads base64 bodies as API Gateway may deliver them', () => {
    expect(readFields(post(Buffer.from('email=a%40b.co').toString('base64'), 'application/x-www-form-urlencoded', true))).toEqual({ email: 'a@b.co' });
  });

  it('keeps __proto__ as a plain field, never as a prototype', () => {
    const fields = readFields(post('__proto__=x&email=a', 'application/x-www-form-urlencoded'));
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it.each([
    { name: 'a body over 16 KiB', event: post(`{"need":"${'a'.repeat(maxBodyBytes)}"}`), error: PayloadTooLargeError },
    { name: 'text/plain', event: post('email=a', 'text/plain'), error: UnsupportedMediaTypeError },
    { name: 'no content type', event: post('{}', ''), error: UnsupportedMediaTypeError },
    { name: 'broken JSON', event: post('{"email":'), error: InvalidRequestError },
    { name: 'a JSON array', event: post('[1,2]'), error: InvalidRequestError },
    { name: 'invalid UTF-8', event: post(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'), 'application/json', true), error: InvalidRequestError },
  ])('refuses $name', ({ event, error }) => {
    expect(() => readFields(event)).toThrow(error);
  });

  it('accepts exactly 16 KiB', () => {
    const body = `{"need":"${'a'.repeat(maxBodyBytes - 11)}"}`;
    expect(Buffer.byteLength(body)).toBe(maxBodyBytes);
    expect(() => readFields(post(body))).not.toThrow();
  });
});
