import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiError, UsageError, type CommandIo } from './cli-errors';
import { RECEIVER_USAGE, runReceiver } from './receiver.command';
import { runScenario, SCENARIO_USAGE } from './scenario.command';
import { runTail, TAIL_USAGE } from './tail.command';
import { runTrigger, TRIGGER_USAGE } from './trigger.command';
import { runWebhook, WEBHOOK_USAGE } from './webhook.command';

export const USAGE = `usage: enreach-emu <command> [options]

Commands:
  trigger <EventType> [Name=value ...]   emit one event (and --wait for its deliveries)
  tail                                   print deliveries live as they are made and end
  scenario --seed <s> --duration <s>     run a load or retry scenario and print its report
  receiver [--port 8443]                 a sample HTTPS receiver that prints what arrives
  webhook create|list                    create a webhook (Enreach or Landis) or list them

Options: --help (also after a command), --version. Commands that talk to the emulator read
EMULATOR_URL (default http://127.0.0.1:3000) and ADMIN_API_KEY, or --url and --admin-key.
Exit status: 0 success, 1 a delivery was not delivered (scenario, trigger --wait), 2 bad arguments or an API error.`;

const COMMANDS: Record<string, { run: (argv: string[], io: CommandIo) => Promise<number>; usage: string }> = {
  trigger: { run: runTrigger, usage: TRIGGER_USAGE },
  tail: { run: runTail, usage: TAIL_USAGE },
  scenario: { run: runScenario, usage: SCENARIO_USAGE },
  receiver: { run: runReceiver, usage: RECEIVER_USAGE },
  webhook: { run: runWebhook, usage: WEBHOOK_USAGE },
};

/** The package's version, from the package.json above this file (src/cli or dist/src/cli). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (first === undefined) {
    io.err(`a command is needed\n\n${USAGE}\n`);
    return 2;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[first];
  if (!command) {
    io.err(`unknown command ${JSON.stringify(first)}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (e instanceof ApiError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  const io: CommandIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
