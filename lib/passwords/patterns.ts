/**
 * Shapes of password that attackers try whatever the word lists say (NIST SP 800-63B 5.1.1.2:
 * "repetitive or sequential characters"). Each looks at the whole password, in lower case: a run or a
 * repetition inside a longer password is left alone.
 */

/** Blank throughout: whitespace, or characters that show nothing (zero-width spaces and the like). */
export function isBlank(password: string): boolean {
  return /^[\s\p{Default_Ignorable_Code_Point}]*$/u.test(password);
}

/**
 * The unit that the whole password repeats at least twice ("ab" for "abababab", "abc" for "abcabcab":
 * the last copy may be cut short), or null.
 */
export function repeatedUnit(password: string): string | null {
  const characters = [...password.toLowerCase()];
  for (let period = 1; period * 2 <= characters.length; period++) {
    if (characters.every((character, index) => index < period || character === characters[index - period])) {
      return characters.slice(0, period).join("");
    }
  }
  return null;
}

// Stepped through forwards or backwards, wrapping round ("78901234", "xyzabcde"), one or two at a time.
const ALPHABETS = ["0123456789", "abcdefghijklmnopqrstuvwxyz"];
// Rows of US, German and French keyboards, unshifted and shifted (in lower case), read along the row.
const KEYBOARD_ROWS = [
  "`1234567890-=",
  "~!@#$%^&*()_+",
  "qwertyuiop[]\\",
  "qwertyuiop{}|",
  "asdfghjkl;'",
  'asdfghjkl:"',
  "zxcvbnm,./",
  "zxcvbnm<>?",
  "qwertzuiopü+",
  "asdfghjklöä#",
  "yxcvbnm,.-",
  "azertyuiop^$",
  "qsdfghjklmù*",
  "wxcvbn,;:!",
];

/** The whole password is a run of letters, of digits, or of neighbouring keys on a keyboard row. */
export function isSequential(password: string): boolean {
  const lowered = password.toLowerCase();
  const characters = [...lowered];
  if (characters.length < 2) return false;
  if (ALPHABETS.some((alphabet) => isSteppedRun(characters, alphabet))) return true;
  const backwards = characters.toReversed().join("");
  return KEYBOARD_ROWS.some((row) => row.includes(lowered) || row.includes(backwards));
}

function isSteppedRun(characters: string[], alphabet: string): boolean {
  const positions = characters.map((character) => alphabet.indexOf(character));
  if (positions.some((position) => position < 0)) return false;
  const size = alphabet.length;
  const stepAt = (index: number) => ((positions[index] as number) - (positions[index - 1] as number) + size) % size;
  const step = stepAt(1);
  if (![1, 2, size - 1, size - 2].includes(step)) return false;
  return positions.every((_, index) => index === 0 || stepAt(index) === step);
}
