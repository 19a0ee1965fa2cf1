/**
 * Reads pasted cast lines ("Joaquin Phoenix as Theodore Twombly"), one row per
 * non-empty line. The first " as " (any case) splits actor from character; a
 * line without one is an actor with no character. List bullets and a trailing
 * tab-separated layout ("Actor<TAB>Character", as copied from a table) are
 * understood too. Pure module, used by the admin's cast input.
 */
export interface CastLine {
  actor: string;
  character: string | null;
}

const SEPARATOR = /\s+as\s+|\t+/i;

export const parseCastLine = (line: string): CastLine | null => {
  // Bullets go, and so does a dangling " as" (a line copied before its character was typed).
  const text = line
    .replace(/^[\s\-*•·]+/u, '')
    .trim()
    .replace(/\s+as$/i, '');
  if (!text) return null;
  const match = SEPARATOR.exec(text);
  if (!match || match.index === 0) return { actor: text, character: null };
  const actor = text.slice(0, match.index).trim();
  const character = text.slice(match.index + match[0].length).trim();
  return { actor, character: character || null };
};

/** Rows for every non-empty line of a pasted text. */
export const parseCastLines = (text: string): CastLine[] =>
  text.split(/\r\n|\r|\n/).flatMap((line) => {
    const row = parseCastLine(line);
    return row ? [row] : [];
  });
