import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, in order. Listed explicitly so the app, the CLI and Jest load the same classes. */
export const MIGRATIONS = [InitialSchema1764000000000];
