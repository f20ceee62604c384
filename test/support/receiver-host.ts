/**
 * The loopback address the e2e receivers bind on port 443. Every 127.x.y.z is loopback on Linux,
 * so two test runs on one machine (two checkouts) can each have their own port 443 by setting
 * TEST_RECEIVER_HOST, e.g. 127.0.0.2.
 */
export const RECEIVER_HOST = process.env.TEST_RECEIVER_HOST ?? '127.0.0.1';

/** The https URL of a path on the e2e receiver (port 443 is the platform's rule, so no port). */
export const receiverUrl = (path: string): string => `https://${RECEIVER_HOST}${path}`;
