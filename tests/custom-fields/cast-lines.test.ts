/** The cast input's paste reader (server/src/shared/cast-lines.ts), shared with the admin. No Strapi needed. */
import { parseCastLine, parseCastLines } from '../../server/src/shared/cast-lines';

describe('pasted cast lines', () => {
  it('makes one row per non-empty line, splitting actor from character at " as "', () => {
    expect(
      parseCastLines('Joaquin Phoenix as Theodore Twombly\r\n\nScarlett Johansson as Samantha (voice)\n  \nAmy Adams')
    ).toEqual([
      { actor: 'Joaquin Phoenix', character: 'Theodore Twombly' },
      { actor: 'Scarlett Johansson', character: 'Samantha (voice)' },
      { actor: 'Amy Adams', character: null },
    ]);
  });

  it('splits at the first " as " in any case, keeping names that merely contain "as"', () => {
    expect(parseCastLine('Pablo Casas AS Himself as a child')).toEqual({
      actor: 'Pablo Casas',
      character: 'Himself as a child',
    });
    expect(parseCastLine('Thomas Haas')).toEqual({ actor: 'Thomas Haas', character: null });
  });

  it('reads list bullets and tab-separated table rows', () => {
    expect(parseCastLines('- Rooney Mara as Catherine\n• Olivia Wilde\tBlind Date')).toEqual([
      { actor: 'Rooney Mara', character: 'Catherine' },
      { actor: 'Olivia Wilde', character: 'Blind Date' },
    ]);
  });

  it('keeps a line that starts with "as" whole, and gives no row for a blank one', () => {
    expect(parseCastLine('as Himself')).toEqual({ actor: 'as Himself', character: null });
    expect(parseCastLine('   ')).toBeNull();
    expect(parseCastLine('Chris Pratt as ')).toEqual({ actor: 'Chris Pratt', character: null });
  });
});
