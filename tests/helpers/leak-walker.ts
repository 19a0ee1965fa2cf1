/**
 * Walks any public response (REST body, GraphQL result, headers) and reports
 * every place where something private shows up: a forbidden key (authorEmail,
 * ip, userAgent...) or a seeded marker string (an email, an IP, a user agent, a
 * draft title, the text of an unapproved comment) anywhere in a key or a value.
 *
 * Usage:
 *   const leaks = findLeaks(res.body, { markers: ['secret@example.com'], keys: ['authorEmail'] });
 *   expect(leaks).toEqual([]);
 * or `expectNoLeaks(label, value, rules)`, which names the response in the failure.
 */

export interface LeakRules {
  /** Strings that must not appear in any key or value (compared case-insensitively). */
  markers: readonly string[];
  /** Object keys that must not appear at any depth. */
  keys?: readonly string[];
}

/** Keys of private review and comment data that no public response may contain (`sourceId`: imported items' origin). */
export const PRIVATE_KEYS = ['authorEmail', 'email', 'ip', 'userAgent', 'sourceId'] as const;

export interface Leak {
  path: string;
  problem: string;
}

/**
 * The one public key named like a private one: `share.email` of a review detail, a
 * `mailto:?subject=...&body=...` link with no address in it. Allowed there alone, and
 * only with that form (its text is still checked for markers).
 */
const isShareMailto = (parentPath: string, key: string, value: unknown): boolean =>
  key === 'email' && /\.share$/.test(parentPath) && typeof value === 'string' && value.startsWith('mailto:?');

const describePath = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

export const findLeaks = (value: unknown, rules: LeakRules, path = '$'): Leak[] => {
  const markers = rules.markers.filter(Boolean).map((m) => m.toLowerCase());
  const keys = new Set(rules.keys ?? []);
  const leaks: Leak[] = [];
  const seen = new Set<unknown>();

  const checkText = (text: string, where: string) => {
    const lower = text.toLowerCase();
    for (const marker of markers) {
      if (lower.includes(marker)) leaks.push({ path: where, problem: `contains marker "${marker}"` });
    }
  };

  const walk = (node: unknown, where: string) => {
    if (node === null || node === undefined) return;
    if (typeof node === 'string') return checkText(node, where);
    if (typeof node === 'number' || typeof node === 'boolean' || typeof node === 'bigint')
      return checkText(String(node), where);
    if (typeof node !== 'object') return;
    if (seen.has(node)) return;
    seen.add(node);
    if (Buffer.isBuffer(node)) return checkText(node.toString('utf8'), where);
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${where}[${i}]`));
      return;
    }
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      const childPath = describePath(where, key);
      if (keys.has(key) && !isShareMailto(where, key, child))
        leaks.push({ path: childPath, problem: `has private key "${key}"` });
      checkText(key, `${childPath} (key)`);
      walk(child, childPath);
    }
  };

  walk(value, path);
  return leaks;
};

/** Jest-friendly assertion: fails with the response label and every leak found. */
export const expectNoLeaks = (label: string, value: unknown, rules: LeakRules): void => {
  const leaks = findLeaks(value, rules);
  if (leaks.length) {
    throw new Error(`${label} leaks private data:\n${leaks.map((l) => `  ${l.path}: ${l.problem}`).join('\n')}`);
  }
};
