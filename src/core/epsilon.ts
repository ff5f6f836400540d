/**
 * The one tolerance for comparing marks, points and bounds that went through floating point:
 * 0.1 + 0.2 is 0.30000000000000004, so "mark ≥ pass" and "answer within min..max" compare with
 * this margin and accept what the author meant. Far below any 2-decimal mark or typed number.
 */
export const EPSILON = 1e-9;
