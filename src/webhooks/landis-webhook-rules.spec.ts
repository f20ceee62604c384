import { deactivateAfterFailuresProblem, landisEventNamesProblems, landisHeaderProblems } from './landis-webhook-rules';

describe('Landis webhook rules', () => {
  it('accepts the three webhook event names', () => {
    expect(landisEventNamesProblems(['App.TestWebhook', 'App.QueueWebhook', 'App.IvrWebhook'], 'WebhookEvents')).toEqual([]);
  });

  it('refuses an unknown, a wrongly cased, a duplicate and an empty list, naming each', () => {
    expect(landisEventNamesProblems(['App.CallWebhook'], 'W')).toEqual([
      'W[0] "App.CallWebhook" is not a Landis webhook event (one of App.TestWebhook, App.QueueWebhook, App.IvrWebhook)',
    ]);
    expect(landisEventNamesProblems(['app.queuewebhook'], 'W')[0]).toContain('did you mean App.QueueWebhook?');
    expect(landisEventNamesProblems(['App.IvrWebhook', 'App.IvrWebhook'], 'W')).toEqual(['W[1] "App.IvrWebhook" is listed twice']);
    expect(landisEventNamesProblems([], 'W')).toHaveLength(1);
    expect(landisEventNamesProblems('App.IvrWebhook', 'W')).toHaveLength(1);
    expect(landisEventNamesProblems([7], 'W')).toEqual(['W[0] must be a webhook event name such as App.QueueWebhook']);
  });

  it('refuses additional headers that name the signature, in any case', () => {
    expect(landisHeaderProblems({ 'ABP-Webhook-Signature': 'x', 'X-Tenant': 'a' }, 'Headers')).toEqual([
      'Headers.ABP-Webhook-Signature: set by the platform and cannot be overridden',
    ]);
  });

  it('takes null or a whole number from 1 as the deactivation threshold', () => {
    expect(deactivateAfterFailuresProblem(null, 'D')).toBeNull();
    expect(deactivateAfterFailuresProblem(15, 'D')).toBeNull();
    for (const bad of [0, -1, 1.5, '15', 1001]) expect(deactivateAfterFailuresProblem(bad, 'D')).toContain('D must be');
  });
});
