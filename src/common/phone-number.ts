/** A phone number as the admin API accepts it: E.164-like digits with an optional leading +. */
export const PHONE_NUMBER = /^\+?[0-9]{3,20}$/;
