/**
 * The one control-character rule. C0 controls (U+0000–U+001F), DEL (U+007F) and
 * C1 controls (U+0080–U+009F) have no place in text a reader or an editor types.
 * Multi-line text keeps tab, line feed and carriage return; single values (query
 * parameters, links) refuse them too.
 *
 * Pure module (no Strapi, no zod): the admin may import it.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const ALL_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;

export const hasControlCharacters = (text: string, { allowLineBreaks = true } = {}): boolean =>
  (allowLineBreaks ? CONTROLS_EXCEPT_LINE_BREAKS : ALL_CONTROLS).test(text);

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters';
