/**
 * The admin panels' strings: every key the code uses exists in en.json, fr.json has
 * the same keys, and every message is valid ICU that formats with the values the
 * code passes. No Strapi needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

const SRC = path.resolve(__dirname, '..', '..', 'admin', 'src');
const load = (locale: string) =>
  JSON.parse(fs.readFileSync(path.join(SRC, 'translations', `${locale}.json`), 'utf8')) as Record<string, string>;
const en = load('en');
const fr = load('fr');

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'custom-fields' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });

const PANEL_PREFIXES = ['moderation.', 'panel.', 'settings.'];
const ours = (key: string) => PANEL_PREFIXES.some((p) => key.startsWith(p));

describe('admin panel translations', () => {
  it('defines every key the panels use', () => {
    const used = new Set<string>();
    for (const file of sources(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([a-zA-Z0-9.]+)'/g)) used.add(match[1]);
    }
    // Keys built from a status, an action or a setting name.
    for (const s of ['pending', 'approved', 'rejected', 'spam']) used.add(`moderation.status.${s}`);
    for (const s of ['pending', 'approved', 'rejected', 'spam', 'all', 'reported'])
      used.add(`moderation.tabs.${s}`).add(`moderation.empty.${s}`);
    for (const r of ['spam', 'abuse', 'off-topic', 'spoiler', 'other']) used.add(`moderation.reports.reason.${r}`);
    for (const a of ['approve', 'reject', 'spam', 'delete']) used.add(`moderation.notify.${a}`);
    for (const k of [
      'autoApprove',
      'commentsEnabledByDefault',
      'grantPublicPermissions',
      'rateLimitPoints',
      'cacheMaxAge',
      'siteUrl',
      'reviewUrlPattern',
      'siteName',
      'siteLogoUrl',
      'mediaBaseUrl',
      'authorUrlPattern',
      'reportThreshold',
    ]) {
      used.add(`settings.${k}.label`).add(`settings.${k}.hint`);
    }
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((key) => !(key in en))).toEqual([]);
  });

  it('has the same panel keys in French as in English', () => {
    expect(Object.keys(fr).filter(ours).sort()).toEqual(Object.keys(en).filter(ours).sort());
  });

  it.each([
    ['en', en],
    ['fr', fr],
  ])('formats every %s message as valid ICU', (locale, messages) => {
    const values = {
      count: 2,
      pending: 1,
      total: 3,
      name: 'Priya',
      ip: '203.0.113.7',
      position: 1,
      status: 'x',
      url: 'u',
      date: 'd',
    };
    for (const [key, message] of Object.entries(messages).filter(([k]) => ours(k))) {
      const formatted = new IntlMessageFormat(message, locale).format(values);
      expect({ key, ok: typeof formatted === 'string' && formatted.length > 0 }).toEqual({ key, ok: true });
    }
  });
});
