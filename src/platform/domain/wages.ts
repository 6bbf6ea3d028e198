/**
 * Wages compare on a monthly basis (PRODUCT.md): an hourly wage × 209 hours (the statutory
 * monthly hours of a 40-hour week with paid weekly rest, used for the minimum wage), a daily
 * wage × 21.75 working days (365 / 7 × 5 / 12), a yearly salary / 12.
 */
export const HOURS_PER_MONTH = 209;
export const DAYS_PER_MONTH = 21.75;

export type WageType = 'D' | 'H' | 'M' | 'Y';

/** Converts a wage of the given type into won per month, rounded to the won. */
export function monthlyWage(type: WageType, amount: number): number {
  switch (type) {
    case 'H':
      return Math.round(amount * HOURS_PER_MONTH);
    case 'D':
      return Math.round(amount * DAYS_PER_MONTH);
    case 'M':
      return Math.round(amount);
    case 'Y':
      return Math.round(amount / 12);
  }
}
