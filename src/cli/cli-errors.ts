/** Bad arguments: the message and the command's usage go to stderr, exit status 2. */
export class UsageError extends Error {}

/** The emulator could not be reached or refused the request: exit status 2. */
export class ApiError extends Error {}

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}
