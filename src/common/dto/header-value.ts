import { Matches, type ValidationOptions } from 'class-validator';

/** What Node (and HTTP) allow in a header value: no CR, LF, NUL or other control characters. */
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A string sent as an HTTP header value (a webhook Secret, a SmartRouting ApiKey): refused when it could never be sent. */
export function IsHeaderValue(options?: ValidationOptions): PropertyDecorator {
  return Matches(HEADER_VALUE, {
    message: ({ property }) =>
      `${property} is sent as an HTTP header value and must not contain CR, LF or other control characters (or characters beyond Latin-1)`,
    ...options,
  });
}
