import { AppError } from "../errors";

export interface PulseResponseRate {
  respondents: number;
  invited: number;
  /** respondents / invited; null when nobody was invited. */
  rate: number | null;
}

/** The response rate of a pulse: a participation count, safe to show at any size (it holds no answers). */
export function pulseResponseRate(respondents: number, invited: number): PulseResponseRate {
  if (!Number.isInteger(respondents) || !Number.isInteger(invited) || respondents < 0 || invited < 0 || respondents > invited) {
    throw new AppError("validation_failed", "Respondents and invited are whole numbers, respondents no more than invited.", { respondents, invited });
  }
  return { respondents, invited, rate: invited === 0 ? null : respondents / invited };
}
