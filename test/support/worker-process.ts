import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The emulator's main.ts as a separate OS process (for kill -9 and multi-process tests). */
export class EmulatorProcess {
  output = '';
  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d) => (this.output += d));
    child.stderr?.on('data', (d) => (this.output += d));
  }

  static start(env: Record<string, string>): EmulatorProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '../../src/main.ts')], {
      // METRICS_PORT 0: several workers on one machine (parallel test runs) never compete for 9464.
      env: { ...process.env, LOG_LEVEL: 'warn', METRICS_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new EmulatorProcess(child);
  }

  /** Resolves when the process has logged a line containing `text`. */
  async waitForLog(text: string, timeoutMs = 30_000): Promise<void> {
    const started = Date.now();
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`emulator exited (${this.child.exitCode}):\n${this.output}`);
      if (Date.now() - started > timeoutMs) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Sends `signal`, then SIGKILL if the process has not exited within `graceMs`: a shutdown that
   * hangs must not hold a suite's hook until it times out, with its receiver still on port 443
   * for every suite after it.
   */
  kill(signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
    return new Promise((done) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return done();
      const stuck = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      this.child.once('exit', () => {
        clearTimeout(stuck);
        done();
      });
      this.child.kill(signal);
    });
  }
}
