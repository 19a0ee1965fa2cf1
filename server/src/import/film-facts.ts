/**
 * The film's facts as bloggers write them: "Review: Her (2013)", "Her (2013)",
 * "Her – review", then "Year: 2013", "Directed by Spike Jonze" in the text.
 */
const YEAR = '(1[89]\\d{2}|20\\d{2}|2100)';
const validYear = (raw: string | undefined): number | null => {
  const year = Number(raw);
  return Number.isInteger(year) && year >= 1888 && year <= 2100 ? year : null;
};

const PREFIX = /^(?:(?:film|movie)\s+)?(?:review|critique|recensione|rezension|crítica)\s*[:\-–—|]\s*/i;
const SUFFIX = /\s*[:\-–—|]\s*(?:(?:a\s+)?(?:film|movie)\s+)?(?:review|critique)\s*$/i;
const WITH_YEAR = new RegExp(`^(.+?)\\s*[([]${YEAR}[)\\]]`);

const unquote = (text: string) => text.replace(/^["'“”‘’«»\s]+|["'“”‘’«»\s]+$/g, '').trim();

export const movieFromTitle = (postTitle: string): { title: string | null; year: number | null } => {
  const stripped = postTitle.trim().replace(PREFIX, '').replace(SUFFIX, '').trim();
  const withYear = WITH_YEAR.exec(stripped);
  if (withYear) return { title: unquote(withYear[1]) || null, year: validYear(withYear[2]) };
  return { title: unquote(stripped) || null, year: null };
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const yearFromText = (text: string, movieTitle: string): number | null => {
  const patterns = [
    new RegExp(`${escape(movieTitle)}\\s*[([]${YEAR}[)\\]]`, 'i'),
    new RegExp(
      `\\b(?:year|released(?:\\s+in)?|release date|released on)\\s*[:\\-]?\\s*(?:\\w+\\s+)?(?:\\d{1,2},?\\s+)?${YEAR}\\b`,
      'i'
    ),
    new RegExp(`\\(${YEAR}\\)`),
  ];
  for (const pattern of patterns) {
    const year = validYear(pattern.exec(text)?.[1]);
    if (year) return year;
  }
  return null;
};

export const directorFromText = (text: string): string | null => {
  const match = /(?:^|\n|\.\s)\s*(?:director|directed by|réalisateur|réalisé par)\s*[:-]?\s*([^\n.,;(]{2,80})/i.exec(
    text
  );
  return match ? match[1].trim() : null;
};
