/**
 * The words a person may type as a value in an evidence file (compared in NFC, lower case). They are
 * part of the file format, like the keys: readers accept them; reporters never print from here.
 */
export const YES: ReadonlySet<string> = new Set(['co', 'có', 'yes', 'dat', 'đạt']);
export const NO: ReadonlySet<string> = new Set(['khong', 'không', 'no', 'khong_dat', 'không đạt']);
/** Timeliness values: on time, late, not done. */
export const TIMELINESS = ['dung_han', 'cham', 'khong'] as const;
