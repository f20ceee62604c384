/**
 * Value sets the seed names explicitly, attached to properties as `enum`. Only closed lists the
 * document spells out are here; loosely described values ("e.g. manual or timer", SIP cause
 * codes) are left open, and `SupervisionState` is named by the seed but never defined, so it has
 * no value set either.
 */

/** UserAvailability.Availability: "possible values: Available, Busy, DoNotDisturb, OffWork". */
export const AVAILABILITY_VALUES = ['Available', 'Busy', 'DoNotDisturb', 'OffWork'] as const;

/** Reason on the *Disconnected events ("'remote' or 'local'") and QueueCallInUserCancelled ("'local' or 'remote'"). */
export const LOCAL_REMOTE_REASONS = ['remote', 'local'] as const;

/**
 * UserCallInUserOverflow.Reason. The seed writes "InterruptOverflow BusyOnBusy" without a comma;
 * read as two values because every other item is a single PascalCase word.
 */
export const USER_OVERFLOW_REASONS = [
  'AVAActiveProfile',
  'BusyForTechnicalError',
  'DND',
  'OffWork',
  'NoAnswer',
  'InterruptOverflow',
  'BusyOnBusy',
  'TransferAll',
  'BlindTransfer',
] as const;

/** QueueStatus.OpenStatus, an int whose meanings the seed lists (NA = 0 ... OpenUncertain = 6). */
export const OPEN_STATUS = {
  NA: 0,
  NoActiveHandler: 1,
  NoActiveHandlerUncertain: 2,
  Closed: 3,
  ClosedUncertain: 4,
  Open: 5,
  OpenUncertain: 6,
} as const;
export const OPEN_STATUS_VALUES = [0, 1, 2, 3, 4, 5, 6] as const;

/** CallbackChanged.TypeId (a short): "1 - Explicit callback request 2 - Overflown call 3 - Call list item created manually". */
export const CALLBACK_TYPE = {
  ExplicitCallbackRequest: 1,
  OverflownCall: 2,
  CreatedManually: 3,
} as const;
export const CALLBACK_TYPE_VALUES = [1, 2, 3] as const;
