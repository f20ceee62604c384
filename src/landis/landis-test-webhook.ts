import type { LandisTestWebhookData } from './landis.types';

/**
 * App.TestWebhook Data. The document lists no properties; Landis names its events the way the
 * ASP.NET Zero template does (`App.` + name), and that template's "Send Test Webhook" publishes
 * `{ UserName = "Test Name " + n, EmailAddress = "Test Email " + n }` with n = DateTime.Now.Millisecond.
 */
export function buildTestWebhookData(millisecond: number): LandisTestWebhookData {
  if (!Number.isInteger(millisecond) || millisecond < 0 || millisecond > 999) {
    throw new RangeError(`millisecond must be a whole number from 0 to 999, got ${millisecond}`);
  }
  return { UserName: `Test Name ${millisecond}`, EmailAddress: `Test Email ${millisecond}` };
}
