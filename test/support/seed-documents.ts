import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SEEDS = resolve(__dirname, '../../../shared/seeds');

/** The text of a seed document (`000` webhooks, `003` SmartRouting), read at test time. */
export function seedText(number: '000' | '003'): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${number}_`));
  if (!file) throw new Error(`No seed document ${number}_*.txt in ${SEEDS}`);
  return readFileSync(resolve(SEEDS, file), 'utf8');
}

/** The webhook document's "Sample configuration for one endpoint with two events", parsed. */
export function seedSampleConfiguration(): { Webhook: Record<string, unknown>; Subscriptions: Record<string, unknown>[] } {
  const text = seedText('000');
  const start = text.indexOf('{', text.indexOf('Sample configuration for one endpoint'));
  const end = text.indexOf('\nWebhook endpoint', start);
  return JSON.parse(text.slice(start, end));
}
