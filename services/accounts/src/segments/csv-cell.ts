/**
 * Spreadsheet programs take a cell that starts with one of these as a formula, and a formula in a
 * name someone typed into the CRM can send the sheet's data to another site or start a program on
 * the machine of whoever opens the export. A leading `'` makes them read the cell as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The phone numbers contacts accept. They hold no letters, so no function, cell reference or command
 * can be spelt in one, and international numbers start with `+`: prefixing them all would change
 * nearly every number in the file for no protection.
 */
const PHONE_NUMBER = /^\+?[0-9 ()\-/.]{3,30}$/;

/** A text cell taken from user data, as a spreadsheet may open it safely; null (an empty cell) stays null. */
export function textCell(value: string | null): string | null {
  return value !== null && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A phone number is written as it is; anything else stored as one is text like any other. */
export function phoneCell(value: string | null): string | null {
  return value !== null && PHONE_NUMBER.test(value) ? value : textCell(value);
}

/** A value the export formats itself (an amount, a timestamp), so no user chose how it starts. */
export function formattedCell(value: string | null): string | null {
  return value;
}
