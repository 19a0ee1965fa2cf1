/**
 * The hostile-input corpus: data-driven tables of requests against the public
 * REST API, GraphQL and the admin routes, each with the exact status expected.
 * `corpus.test.ts` runs every row and checks, besides the status, that no 5xx
 * was answered, that the database did not change (or changed by exactly the one
 * comment the row says is stored, with the exact text sent), that nothing private
 * leaked and that Object.prototype was not polluted.
 *
 * To cover a new admin route (e.g. the moderation plugin routes), add a row to
 * ADMIN_ROUTES: it is then tried without a token, with a bogus token and with a
 * role that has no permissions.
 */
import { API } from '../helpers/fixtures';

export type Auth = 'none' | 'bogus' | 'weak' | 'admin';

export interface HttpCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** JSON body (sent with JSON.stringify). */
  body?: unknown;
  /** Raw body text, sent as-is with `contentType` (default application/json). */
  raw?: string;
  contentType?: string;
  auth?: Auth;
  status: number;
  /** A comment is stored by this request, with exactly this content (or authorName). */
  stores?: Stored;
}

/** A comment this request stores: the field holding the exact text sent, and its status (pending by default). */
export interface Stored {
  field: 'content' | 'authorName';
  value: string;
  status?: 'pending' | 'spam';
}

export interface GraphqlCase {
  name: string;
  /** A single operation, or a raw body (batch arrays, GET requests). */
  query?: string;
  variables?: Record<string, unknown>;
  rawBody?: unknown;
  get?: boolean;
  status: number;
  /** The response must carry GraphQL errors. */
  errors?: boolean;
  stores?: Stored;
}

const SLUG = 'her-2013';
const COMMENTS = `${API}/reviews/${SLUG}/comments`;
export const validComment = (extra: Record<string, unknown> = {}) => ({
  authorName: 'Corpus Reader',
  authorEmail: 'corpus@example.org',
  content: 'A hostile-input corpus comment.',
  ...extra,
});

// ---------------------------------------------------------------- POST comment bodies

const MASS_ASSIGNMENT: Array<[string, unknown]> = [
  ['status', 'approved'],
  ['moderationStatus', 'approved'],
  ['publishedAt', '2020-01-01T00:00:00.000Z'],
  ['review', 1],
  ['reviewDocumentId', 'x'],
  ['parentDocumentId', 'x'],
  ['id', 1],
  ['documentId', 'abc'],
  ['createdBy', 1],
  ['updatedBy', 1],
  ['createdAt', '2000-01-01T00:00:00.000Z'],
  ['ip', '1.2.3.4'],
  ['userAgent', 'x'],
  ['authorIsEditor', true],
  ['isEditor', true],
  ['moderatedAt', '2020-01-01T00:00:00.000Z'],
  ['locale', 'fr'],
  ['replies', []],
  ['data', validComment()],
];

const WRONG_TYPES: unknown[] = [123, true, [], {}, ['a'], { $ne: null }, { $gt: '' }];
const TEXT_FIELDS = ['authorName', 'authorEmail', 'content', 'parent', 'website'] as const;

/** Unicode that must be refused (not valid text). */
const BAD_UNICODE: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', 'a\uDC00b'],
  ['C0 control (bell)', 'a\u0007b'],
  ['DEL', 'a\u007Fb'],
  ['escape sequence', 'a\u001B[31mred'],
  ['C1 control (CSI)', 'a\u009Bb'],
  ['C1 control (NEL)', 'a\u0085b'],
];
/** Unicode that is legitimate text: stored and returned as sent, in Unicode NFC. */
export const ODD_UNICODE: Array<[string, string]> = [
  ['RTL override', 'abc\u202Egnp.exe'],
  ['zero-width space', 'a\u200Bb\u200Cc\u200Dd'],
  ['BOM inside', 'x\uFEFFy'],
  ['combining marks', 'Z\u0351\u0335\u0353a\u0352l\u0337go'],
  ['astral emoji', 'film \u{1F3AC} \u{1F480}'],
  ['mixed scripts', 'Ηеllo ΑΡΡΙЕ'],
];
export const HTML_PAYLOADS: string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE comments; --",
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7} #{7*7} <%= 7*7 %>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
];

let seq = 0;
const n = () => (seq += 1);

const commentBodyCases = (): HttpCase[] => {
  const cases: HttpCase[] = [];
  for (const [key, value] of MASS_ASSIGNMENT) {
    cases.push({
      name: `POST comment: mass assignment ${key}`,
      method: 'POST',
      path: COMMENTS,
      body: validComment({ [key]: value }),
      status: 400,
    });
  }
  for (const field of TEXT_FIELDS) {
    for (const value of WRONG_TYPES) {
      cases.push({
        name: `POST comment: ${field} = ${JSON.stringify(value)}`,
        method: 'POST',
        path: COMMENTS,
        body: validComment({ [field]: value }),
        status: 400,
      });
    }
  }
  for (const field of ['authorName', 'authorEmail', 'content'] as const) {
    cases.push({
      name: `POST comment: ${field} null`,
      method: 'POST',
      path: COMMENTS,
      body: validComment({ [field]: null }),
      status: 400,
    });
    const { [field]: _omit, ...rest } = validComment();
    cases.push({ name: `POST comment: ${field} missing`, method: 'POST', path: COMMENTS, body: rest, status: 400 });
    cases.push({
      name: `POST comment: ${field} blank`,
      method: 'POST',
      path: COMMENTS,
      body: validComment({ [field]: '   ' }),
      status: 400,
    });
  }
  // Out of range.
  cases.push(
    {
      name: 'POST comment: content 5001 chars',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ content: 'x'.repeat(5001) }),
      status: 400,
    },
    {
      name: 'POST comment: authorName 81 chars',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ authorName: 'x'.repeat(81) }),
      status: 400,
    },
    {
      name: 'POST comment: email 300 chars',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ authorEmail: `${'a'.repeat(290)}@example.org` }),
      status: 400,
    },
    {
      name: 'POST comment: parent 65 chars',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ parent: 'p'.repeat(65) }),
      status: 400,
    },
    {
      name: 'POST comment: parent unknown',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ parent: 'doesnotexist' }),
      status: 400,
    },
    {
      name: 'POST comment: parent SQL',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ parent: "' OR '1'='1" }),
      status: 400,
    },
    {
      name: 'POST comment: website 2049 chars',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ website: 'w'.repeat(2049) }),
      status: 400,
    },
    {
      name: 'POST comment: email with display name',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ authorEmail: 'A <a@example.org>' }),
      status: 400,
    },
    {
      name: 'POST comment: email with newline header',
      method: 'POST',
      path: COMMENTS,
      body: validComment({ authorEmail: 'a@example.org\r\nBcc: b@example.org' }),
      status: 400,
    }
  );
  // Whole bodies of the wrong shape.
  for (const [label, raw] of [
    ['array', '[]'],
    ['array of valid', JSON.stringify([validComment()])],
    ['string', '"hello"'],
    ['number', '42'],
    ['null', 'null'],
    ['true', 'true'],
    ['truncated JSON', '{"authorName":"a",'],
    ['trailing garbage', `${JSON.stringify(validComment())}xyz`],
    ['single quotes', "{'authorName':'a'}"],
    ['NaN', '{"content":NaN}'],
    ['comment in JSON', '{/*x*/"a":1}'],
    ['BOM prefix', `\uFEFF${JSON.stringify(validComment())}`],
    ['deep arrays (10k)', `{"content":${'['.repeat(10000)}${']'.repeat(10000)}}`],
    ['deep objects (5k)', `{"content":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`],
    ['unclosed deep (50k)', '['.repeat(50000)],
    ['many keys (3k)', JSON.stringify(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i])))],
    [
      'duplicate keys, status last',
      '{"authorName":"a","authorEmail":"a@example.org","content":"c","status":"approved","status":"approved"}',
    ],
    ['big number', '{"content":1e999999}'],
  ] as Array<[string, string]>) {
    cases.push({ name: `POST comment: body ${label}`, method: 'POST', path: COMMENTS, raw, status: 400 });
  }
  cases.push(
    {
      name: 'POST comment: body over 64 KiB',
      method: 'POST',
      path: COMMENTS,
      raw: JSON.stringify(validComment({ content: 'x'.repeat(70 * 1024) })),
      status: 413,
    },
    {
      name: 'POST comment: body 1 MiB of spaces',
      method: 'POST',
      path: COMMENTS,
      raw: ' '.repeat(1024 * 1024),
      status: 413,
    },
    {
      name: 'POST comment: form encoded',
      method: 'POST',
      path: COMMENTS,
      raw: 'authorName=a&authorEmail=a%40example.org&content=c',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
    },
    {
      name: 'POST comment: text/plain JSON',
      method: 'POST',
      path: COMMENTS,
      raw: JSON.stringify(validComment()),
      contentType: 'text/plain',
      status: 415,
    },
    {
      name: 'POST comment: multipart',
      method: 'POST',
      path: COMMENTS,
      raw: '--b\r\nContent-Disposition: form-data; name="content"\r\n\r\nx\r\n--b--',
      contentType: 'multipart/form-data; boundary=b',
      status: 415,
    },
    {
      name: 'POST comment: xml',
      method: 'POST',
      path: COMMENTS,
      raw: '<comment><content>x</content></comment>',
      contentType: 'application/xml',
      status: 415,
    }
  );
  // Prototype pollution (JSON.parse makes "__proto__" an own key).
  for (const [label, raw] of [
    [
      '__proto__ top level',
      `{"__proto__":{"polluted":"yes","status":"approved"},${JSON.stringify(validComment()).slice(1)}`,
    ],
    [
      'constructor.prototype top level',
      `{"constructor":{"prototype":{"polluted":"yes"}},${JSON.stringify(validComment()).slice(1)}`,
    ],
    [
      '__proto__ in authorName',
      '{"authorName":{"__proto__":{"polluted":"yes"}},"authorEmail":"a@example.org","content":"c"}',
    ],
    [
      '__proto__ in content',
      '{"authorName":"a","authorEmail":"a@example.org","content":{"__proto__":{"polluted":"yes"}}}',
    ],
    [
      'constructor in parent',
      '{"authorName":"a","authorEmail":"a@example.org","content":"c","parent":{"constructor":{"prototype":{"polluted":"yes"}}}}',
    ],
    ['prototype key', `{"prototype":{"polluted":"yes"},${JSON.stringify(validComment()).slice(1)}`],
  ] as Array<[string, string]>) {
    cases.push({ name: `POST comment: ${label}`, method: 'POST', path: COMMENTS, raw, status: 400 });
  }
  cases.push({
    name: 'POST comment: query status',
    method: 'POST',
    path: `${COMMENTS}?status=approved`,
    body: validComment(),
    status: 400,
  });
  // The query-string parser drops keys of Object.prototype: the request is an ordinary comment, nothing is polluted.
  for (const [label, qs] of [
    ['__proto__', '__proto__[polluted]=yes'],
    ['constructor.prototype', 'constructor[prototype][polluted]=yes'],
  ]) {
    const value = `query ${label} ${n()}`;
    cases.push({
      name: `POST comment: query ${label}`,
      method: 'POST',
      path: `${COMMENTS}?${qs}`,
      body: validComment({ content: value }),
      status: 201,
      stores: { field: 'content', value },
    });
  }
  // Unicode tricks in every text field.
  for (const field of ['authorName', 'content', 'authorEmail'] as const) {
    for (const [label, text] of BAD_UNICODE) {
      cases.push({
        name: `POST comment: ${field} with ${label}`,
        method: 'POST',
        path: COMMENTS,
        body: validComment({ [field]: text }),
        status: 400,
      });
    }
  }
  // The honeypot takes anything a bot may send: the comment is stored as spam (never shown), answered like any other.
  for (const [label, text] of [...BAD_UNICODE.slice(0, 3), ['script', HTML_PAYLOADS[0]]]) {
    const value = `honeypot ${label} ${n()}`;
    cases.push({
      name: `POST comment: website with ${label} (spam)`,
      method: 'POST',
      path: COMMENTS,
      body: validComment({ website: text, content: value }),
      status: 201,
      stores: { field: 'content', value, status: 'spam' },
    });
  }
  for (const field of ['authorName', 'content'] as const) {
    for (const [label, text] of ODD_UNICODE) {
      const value = `${text} ${n()}`;
      cases.push({
        name: `POST comment: ${field} with ${label} (stored as text)`,
        method: 'POST',
        path: COMMENTS,
        body: validComment({ [field]: value }),
        status: 201,
        stores: { field, value: value.normalize('NFC') },
      });
    }
  }
  for (const [label, text] of ODD_UNICODE.slice(0, 3)) {
    cases.push({
      name: `POST comment: authorEmail with ${label}`,
      method: 'POST',
      path: COMMENTS,
      body: validComment({ authorEmail: `a${text}@example.org` }),
      status: 400,
    });
  }
  // HTML and script in every text field: stored as text, returned as the same string.
  for (const field of ['authorName', 'content'] as const) {
    for (const html of HTML_PAYLOADS) {
      const value = field === 'authorName' ? html.slice(0, 70) : `${html} ${n()}`;
      cases.push({
        name: `POST comment: ${field} = ${html.slice(0, 40)}`,
        method: 'POST',
        path: COMMENTS,
        body: validComment({ [field]: value }),
        status: 201,
        stores: { field, value },
      });
    }
  }
  for (const html of HTML_PAYLOADS.slice(0, 3)) {
    cases.push({
      name: `POST comment: authorEmail = ${html.slice(0, 40)}`,
      method: 'POST',
      path: COMMENTS,
      body: validComment({ authorEmail: html }),
      status: 400,
    });
  }
  // Slugs.
  for (const [label, slug, status] of [
    ['draft', 'DRAFT_SLUG', 404],
    ['unknown', 'no-such-review', 404],
    ['SQL', encodeURIComponent("her-2013' OR '1'='1"), 404],
    ['traversal', '..%2F..%2Fadmin', 404],
    ['NUL', 'her-2013%00', 404],
    ['long', 'x'.repeat(3000), 404],
  ] as Array<[string, string, number]>) {
    cases.push({
      name: `POST comment: slug ${label}`,
      method: 'POST',
      path: `${API}/reviews/${slug}/comments`,
      body: validComment(),
      status,
    });
  }
  return cases;
};

// ---------------------------------------------------------------- GET query strings

const LIST = `${API}/reviews`;
const listQueryCases = (): HttpCase[] => {
  const rows: Array<[string, string, number]> = [
    // Paging.
    ['pageSize=0', 'pageSize=0', 400],
    ['pageSize=-1', 'pageSize=-1', 400],
    ['pageSize=101', 'pageSize=101', 400],
    ['pageSize=1e9', 'pageSize=1000000000', 400],
    ['pageSize huge', 'pageSize=99999999999999999999', 400],
    ['pageSize text', 'pageSize=abc', 400],
    ['pageSize float', 'pageSize=1.5', 400],
    ['pageSize exponent', 'pageSize=1e2', 400],
    ['pageSize empty', 'pageSize=', 400],
    ['pageSize hex', 'pageSize=0x10', 400],
    ['pageSize 100', 'pageSize=100', 200],
    ['page=0', 'page=0', 400],
    ['page=-1', 'page=-1', 400],
    ['page text', 'page=x', 400],
    ['page huge', 'page=1000000000000', 400],
    ['page Infinity', 'page=Infinity', 400],
    ['page NaN', 'page=NaN', 400],
    ['page far', 'page=1000000', 200],
    // Arrays and objects where a scalar is expected.
    ['page array', 'page[]=1&page[]=2', 400],
    ['page repeated', 'page=1&page=2', 400],
    ['pageSize array', 'pageSize[]=5', 400],
    ['pageSize object', 'pageSize[$gt]=5', 400],
    ['q array', 'q[]=her&q[]=x', 400],
    ['q object', 'q[$ne]=x', 400],
    ['sort object', 'sort[title]=asc', 400],
    ['sort unknown field', 'sort=authorEmail:asc', 400],
    ['sort SQL', 'sort=title;DROP TABLE x', 400],
    ['sort injection direction', 'sort=title:asc,1', 400],
    ['sort five keys', 'sort=title,rating,publishedAt,movie.year,title', 400],
    // q: SQL/NoSQL-looking text is just text.
    ['q SQL quote', `q=${encodeURIComponent("' OR 1=1 --")}`, 200],
    ['q SQL union', `q=${encodeURIComponent("x' UNION SELECT author_email FROM comments --")}`, 200],
    ['q drop', `q=${encodeURIComponent('"; DROP TABLE movie_reviews; --')}`, 200],
    ['q percent', 'q=%25', 200],
    ['q underscore', 'q=_', 200],
    ['q backslash', 'q=%5C', 200],
    ['q NoSQL', `q=${encodeURIComponent('{"$gt":""}')}`, 200],
    ['q regex', `q=${encodeURIComponent('.*')}`, 200],
    ['q NUL', 'q=a%00b', 400],
    ['q too long', `q=${'a'.repeat(101)}`, 400],
    ['q RTL', `q=${encodeURIComponent('\u202Eher')}`, 200],
    ['q lone surrogate', 'q=%ED%A0%80', 200],
    // Filters.
    ['filter year eq', 'filters[movie][year][$eq]=2013', 200],
    ['filter year SQL', `filters[movie][year][$eq]=${encodeURIComponent('2013 OR 1=1')}`, 400],
    ['filter year text', 'filters[movie][year][$gt]=abc', 400],
    ['filter year $or', 'filters[movie][year][$or][0]=1', 400],
    ['filter year nested op', 'filters[movie][year][$eq][$ne]=1', 400],
    ['filter year in', 'filters[movie][year][$in][0]=2013&filters[movie][year][$in][1]=2014', 200],
    ['filter director SQL', `filters[movie][director][$containsi]=${encodeURIComponent("' OR '1'='1")}`, 200],
    ['filter director regex op', 'filters[movie][director][$regex]=.*', 400],
    ['filter director $ne null', 'filters[movie][director][$notNull]=true', 400],
    ['filter director object', 'filters[movie][director][$eq][a]=b', 400],
    ['filter tags $where', 'filters[tags][$where]=1', 400],
    ['filter tags SQL', `filters[tags][$eq]=${encodeURIComponent("x');--")}`, 200],
    ['filter rating text', 'filters[rating][$gt]=ten', 400],
    ['filter authorEmail', 'filters[authorEmail][$contains]=@', 400],
    ['filter author email nested', 'filters[author][email][$contains]=@', 400],
    ['filter publishedAt null', 'filters[publishedAt][$null]=true', 400],
    ['filter status draft', 'filters[status]=draft', 400],
    ['filter top-level $or', 'filters[$or][0][title]=x', 400],
    ['filter top-level $and', 'filters[$and][0][movie][year]=1', 400],
    ['filter id', 'filters[id][$gt]=0', 400],
    ['filter documentId', 'filters[documentId][$ne]=x', 400],
    ['filters string', 'filters=1', 400],
    ['filters array', 'filters[]=1', 400],
    // Unknown parameters of Strapi's own API.
    ['populate *', 'populate=*', 400],
    ['fields email', 'fields[0]=authorEmail', 400],
    ['status draft', 'status=draft', 400],
    ['publicationState preview', 'publicationState=preview', 400],
    ['locale', 'locale=fr', 400],
    ['unknown key', 'foo=bar', 400],
    // Prototype pollution through the query string: the parser drops these keys (checked: Object.prototype stays clean).
    ['__proto__', '__proto__[polluted]=yes', 200],
    ['constructor.prototype', 'constructor[prototype][polluted]=yes', 200],
    ['filters __proto__', 'filters[__proto__][polluted]=yes', 200],
    ['filters constructor', 'filters[constructor][prototype][polluted]=yes', 200],
    ['filters movie __proto__', 'filters[movie][__proto__][polluted]=yes', 200],
    ['sort __proto__', 'sort[__proto__]=x', 200],
  ];
  return rows.map(([label, qs, status]) => ({
    name: `GET reviews?${label}`,
    method: 'GET' as const,
    path: `${LIST}?${qs}`,
    status,
  }));
};

const otherGetCases = (): HttpCase[] => {
  const rows: Array<[string, string, number]> = [
    ['detail draft slug', `${API}/reviews/DRAFT_SLUG`, 404],
    ['detail SQL slug', `${API}/reviews/${encodeURIComponent("' OR '1'='1")}`, 404],
    ['detail NoSQL slug', `${API}/reviews/${encodeURIComponent('{"$ne":null}')}`, 404],
    ['detail long slug', `${API}/reviews/${'a'.repeat(5000)}`, 404],
    ['detail unicode slug', `${API}/reviews/${encodeURIComponent('h\u202Eer-2013')}`, 404],
    ['detail NUL slug', `${API}/reviews/her%00`, 404],
    ['detail with populate', `${API}/reviews/${SLUG}?populate=*`, 400],
    ['detail with status', `${API}/reviews/${SLUG}?status=draft`, 400],
    ['detail with __proto__', `${API}/reviews/${SLUG}?__proto__[polluted]=yes`, 200],
    ['detail ok', `${API}/reviews/${SLUG}`, 200],
    ['comments draft', `${API}/reviews/DRAFT_SLUG/comments`, 404],
    ['comments page -1', `${COMMENTS}?page=-1`, 400],
    ['comments pageSize 1000', `${COMMENTS}?pageSize=1000`, 400],
    ['comments pageSize array', `${COMMENTS}?pageSize[]=1`, 400],
    ['comments status', `${COMMENTS}?status=pending`, 400],
    ['comments filters', `${COMMENTS}?filters[status]=pending`, 400],
    ['comments __proto__', `${COMMENTS}?__proto__[polluted]=yes`, 200],
    ['comments ok', COMMENTS, 200],
    ['content API of comments', '/api/comments', 404],
    ['content API of plugin comment type', '/api/movie-reviews/comments', 404],
  ];
  return rows.map(([label, path, status]) => ({ name: `GET ${label}`, method: 'GET' as const, path, status }));
};

// ---------------------------------------------------------------- admin routes

export interface AdminRoute {
  label: string;
  method: HttpCase['method'];
  path: string;
  body?: unknown;
  /** Status for a role without permissions (403 by default). */
  weak?: number;
}

const CM = '/content-manager/collection-types';
export const REVIEW_CM = `${CM}/plugin::movie-reviews.movie-review`;
export const COMMENT_CM = `${CM}/plugin::movie-reviews.comment`;

/** Admin routes tried with no token, a bogus token and a role without permissions. Add plugin admin routes here. */
export const ADMIN_ROUTES: AdminRoute[] = [
  { label: 'CM list comments', method: 'GET', path: COMMENT_CM },
  { label: 'CM one comment', method: 'GET', path: `${COMMENT_CM}/COMMENT_ID` },
  {
    label: 'CM create comment',
    method: 'POST',
    path: COMMENT_CM,
    body: { reviewDocumentId: 'x', authorName: 'a', authorEmail: 'a@example.org', content: 'c', status: 'approved' },
  },
  { label: 'CM update comment', method: 'PUT', path: `${COMMENT_CM}/COMMENT_ID`, body: { status: 'approved' } },
  { label: 'CM delete comment', method: 'DELETE', path: `${COMMENT_CM}/COMMENT_ID` },
  { label: 'CM list reviews', method: 'GET', path: REVIEW_CM },
  { label: 'CM one review', method: 'GET', path: `${REVIEW_CM}/REVIEW_ID` },
  {
    label: 'CM create review',
    method: 'POST',
    path: REVIEW_CM,
    body: { title: 'Sneaky', movieTitle: 'Sneaky', movieYear: 2000, authorName: 'x' },
  },
  { label: 'CM update review', method: 'PUT', path: `${REVIEW_CM}/REVIEW_ID`, body: { title: 'Hijacked' } },
  { label: 'CM publish draft', method: 'POST', path: `${REVIEW_CM}/DRAFT_ID/actions/publish`, body: {} },
  { label: 'CM delete review', method: 'DELETE', path: `${REVIEW_CM}/REVIEW_ID` },
  { label: 'admin users list', method: 'GET', path: '/admin/users' },
  {
    label: 'admin create user',
    method: 'POST',
    path: '/admin/users',
    body: { email: 'evil@example.org', firstname: 'e', roles: [1] },
  },
  { label: 'admin roles', method: 'GET', path: '/admin/roles' },
  { label: 'moderation reported comments', method: 'GET', path: '/movie-reviews/moderation/reported' },
  { label: 'CM list comment reports', method: 'GET', path: `${CM}/plugin::movie-reviews.comment-report` },
  { label: 'upload files', method: 'GET', path: '/upload/files' },
  { label: 'users-permissions roles', method: 'GET', path: '/users-permissions/roles' },
];

const adminCases = (): HttpCase[] => {
  const cases: HttpCase[] = [];
  for (const route of ADMIN_ROUTES) {
    cases.push({
      name: `admin ${route.label}: no token`,
      method: route.method,
      path: route.path,
      body: route.body,
      auth: 'none',
      status: 401,
    });
    cases.push({
      name: `admin ${route.label}: bogus token`,
      method: route.method,
      path: route.path,
      body: route.body,
      auth: 'bogus',
      status: 401,
    });
    cases.push({
      name: `admin ${route.label}: role without permissions`,
      method: route.method,
      path: route.path,
      body: route.body,
      auth: 'weak',
      status: route.weak ?? 403,
    });
  }
  return cases;
};

// ---------------------------------------------------------------- song URL tricks through the Content Manager

export const SONG_TRICKS: string[] = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'http://www.youtube.com/watch?v=dQw4w9WgXcQ',
  '//www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
  'https://evil.example/www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://evil.example/?u=https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ',
  'https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://user@open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
  'https://www.youtube.com\\@evil.example/watch?v=dQw4w9WgXcQ',
  'https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ',
  'https://127.0.0.1/watch?v=dQw4w9WgXcQ',
  'https://[::1]/watch?v=dQw4w9WgXcQ',
  'https://2130706433/watch?v=dQw4w9WgXcQ',
  'https://0x7f.0.0.1/watch?v=dQw4w9WgXcQ',
  'https://www.youtu\u0431e.com/watch?v=dQw4w9WgXcQ',
  'https://xn--www-youtube-qqa.com/watch?v=dQw4w9WgXcQ',
  'https://wwwyoutube.com/watch?v=dQw4w9WgXcQ',
  'https://youtube.co/watch?v=dQw4w9WgXcQ',
  'https://open.spotify.com.evil.example/track/4uLU6hMCjMI75M1A2tKUQC',
  'https://w.soundcloud.com.evil.example/player/?url=x',
  'https://vimeo.com.evil.example/76979871',
  'https://music.apple.com.evil.example/us/album/x/1',
  'https://www.youtube.com/watch?v=<script>',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ" onload="alert(1)',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ\r\nX-Injected: 1',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ%00',
  'https://www.youtube.com/watch',
  'https://www.youtube.com/',
  `https://www.youtube.com/watch?v=dQw4w9WgXcQ&x=${'a'.repeat(2100)}`,
  '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
  '',
  // Forms accepted since issue 12, bent out of shape.
  'https://www.youtube.com/embed/videoseries?list=<script>alert(1)</script>',
  'https://www.youtube.com/embed/videoseries?list=javascript:alert(1)',
  'https://www.youtube.com/embed/live_stream?channel=UC../../../../evil.example',
  'https://www.youtube.com.evil.example/embed/videoseries?list=PLx7Qm2RtY9uVb3NcK5eLw8Zp1AaSsDdFf',
  'spotify:track:4uLU6hMCjMI75M1A2tKUQC<script>',
  'spotify:track:../../evil.example',
  'spotify:artist:4uLU6hMCjMI75M1A2tKUQC',
  'SPOTIFY:track:4uLU6hMCjMI75M1A2tKUQC@evil.example',
  'spotify://evil.example/track/4uLU6hMCjMI75M1A2tKUQC',
  'https://soundcloud.com/a/b/s-abc%2F..%2F..%2Fevil',
  'https://soundcloud.com.evil.example/a/b/s-AbC12345',
  'https://vimeo.com/showcase/1/video/76979871@evil.example',
  'https://vimeo.com.evil.example/album/1/video/76979871',
  'https://open.spotify.com.evil.example/embed/intl-fr/track/4uLU6hMCjMI75M1A2tKUQC',
];

const songCases = (): HttpCase[] => {
  const cases: HttpCase[] = SONG_TRICKS.map((url, i) => ({
    name: `CM song url #${i + 1}: ${JSON.stringify(url.slice(0, 60))}`,
    method: 'POST' as const,
    path: REVIEW_CM,
    auth: 'admin' as const,
    body: { title: `Song trick ${i}`, movieTitle: 'x', movieYear: 2000, authorName: 'x', song: { url } },
    status: 400,
  }));
  for (const [label, song] of [
    ['string instead of object', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['embedHtml key', { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', html: '<iframe>' }],
    ['provider mismatch', { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', provider: 'vimeo' }],
    ['unknown provider', { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', provider: 'evil' }],
    ['startAt negative', { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', startAt: -1 }],
    ['url number', { url: 42 }],
    ['__proto__', JSON.parse('{"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","__proto__":{"polluted":"yes"}}')],
  ] as Array<[string, unknown]>) {
    cases.push({
      name: `CM song ${label}`,
      method: 'POST',
      path: REVIEW_CM,
      auth: 'admin',
      body: { title: `Song shape ${label}`, movieTitle: 'x', movieYear: 2000, authorName: 'x', song },
      status: 400,
    });
  }
  // Admin mass assignment / wrong types through the Content Manager.
  for (const [label, body] of [
    ['movieYear text', { title: 't', movieTitle: 'x', movieYear: 'abc', authorName: 'x' }],
    ['movieYear 1500', { title: 't', movieTitle: 'x', movieYear: 1500, authorName: 'x' }],
    ['rating 11', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', rating: 11 }],
    ['rating 0.3', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', rating: 0.3 }],
    ['imdb bad', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', movieImdbId: 'tt1; DROP' }],
    ['title NUL', { title: 'a\u0000b', movieTitle: 'x', movieYear: 2000, authorName: 'x' }],
    ['title 201', { title: 'x'.repeat(201), movieTitle: 'x', movieYear: 2000, authorName: 'x' }],
    ['slug unsafe', { title: 't', slug: '../admin', movieTitle: 'x', movieYear: 2000, authorName: 'x' }],
    ['slug taken', { title: 't', slug: SLUG, movieTitle: 'x', movieYear: 2000, authorName: 'x' }],
    [
      'synopsis javascript url',
      {
        title: 't',
        movieTitle: 'x',
        movieYear: 2000,
        authorName: 'x',
        synopsis: { text: 'x', sourceUrl: 'javascript:alert(1)' },
      },
    ],
    [
      'synopsis html key',
      { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', synopsis: { text: 'x', html: '<b>x</b>' } },
    ],
    [
      'stills missing file',
      { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', stills: [{ file: 999999, alt: 'x' }] },
    ],
    ['stills wrong type', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', stills: 'x' }],
    ['cast wrong type', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', movieCast: 'x' }],
    ['seoTitle 71', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', seoTitle: 'x'.repeat(71) }],
    ['seoTitle NUL', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', seoTitle: 'a\u0000b' }],
    ['seoTitle number', { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', seoTitle: 42 }],
    [
      'seoDescription 161',
      { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', seoDescription: 'x'.repeat(161) },
    ],
    [
      'seoDescription control',
      { title: 't', movieTitle: 'x', movieYear: 2000, authorName: 'x', seoDescription: 'a\u009bb' },
    ],
    [
      'comment status bogus',
      { reviewDocumentId: 'x', authorName: 'a', authorEmail: 'a@example.org', content: 'c', status: 'published' },
    ],
    ['comment email bad', { reviewDocumentId: 'x', authorName: 'a', authorEmail: 'not-an-email', content: 'c' }],
    [
      'comment content NUL',
      { reviewDocumentId: 'x', authorName: 'a', authorEmail: 'a@example.org', content: 'a\u0000' },
    ],
  ] as Array<[string, Record<string, unknown>]>) {
    const isComment = 'reviewDocumentId' in body;
    cases.push({
      name: `CM ${label}`,
      method: 'POST',
      path: isComment ? COMMENT_CM : REVIEW_CM,
      auth: 'admin',
      body,
      status: 400,
    });
  }
  return cases;
};

// ---------------------------------------------------------------- site settings (issue 12)

/** Hostile values of the site address settings: each is a 400 naming the field, and nothing is saved. */
export const SITE_SETTING_TRICKS: Array<[field: string, value: unknown]> = [
  ['siteUrl', 'javascript:alert(1)'],
  ['siteUrl', 'http://films.example.org'],
  ['siteUrl', 'https://films.example.org@evil.example'],
  ['siteUrl', 'https://user:pass@films.example.org'],
  ['siteUrl', 'https://169.254.169.254'],
  ['siteUrl', 'https://[::ffff:127.0.0.1]'],
  ['siteUrl', 'https://0x7f.1'],
  ['siteUrl', 'https://films.example.org\\@evil.example'],
  ['siteUrl', 'https://films.example.org/\r\nX-Injected: 1'],
  ['siteUrl', 'https://xn--films-9ta.example'],
  ['siteUrl', { $ne: null }],
  ['siteUrl', ['https://films.example.org']],
  ['reviewUrlPattern', 'https://films.example.org/reviews/'],
  ['reviewUrlPattern', 'https://{slug}.films.example.org/'],
  ['reviewUrlPattern', 'https://films.example.org/{slug}"><script>'],
  ['reviewUrlPattern', 'data:text/html,{slug}'],
  ['reviewUrlPattern', 'https://evil.example@films.example.org/{slug}'],
  ['siteLogoUrl', 'data:image/svg+xml,<svg onload=alert(1)>'],
  ['siteLogoUrl', 'https://127.0.0.1/logo.png'],
  ['mediaBaseUrl', 'file:///etc'],
  ['mediaBaseUrl', 'https://films.example.org/?x=1'],
  ['mediaBaseUrl', 'https://10.1.2.3'],
  ['siteName', '<script>\u0000</script>'],
  ['siteName', 'x'.repeat(101)],
  ['siteName', 12],
];

const siteSettingCases = (): HttpCase[] =>
  SITE_SETTING_TRICKS.map(([field, value], i) => ({
    name: `settings ${field} #${i + 1}: ${JSON.stringify(value).slice(0, 60)}`,
    method: 'PUT' as const,
    path: '/movie-reviews/settings',
    auth: 'admin' as const,
    body: { [field]: value },
    status: 400,
  }));

// ---------------------------------------------------------------- related reviews and comment reports

/** GET /reviews/:slug/related: bad limits, unknown parameters, hidden and hostile slugs. */
const relatedCases = (): HttpCase[] => {
  const RELATED = `${API}/reviews/${SLUG}/related`;
  const rows: Array<[string, string, number]> = [
    ['related ok', RELATED, 200],
    ['related limit 12', `${RELATED}?limit=12`, 200],
    ['related limit 0', `${RELATED}?limit=0`, 400],
    ['related limit 13', `${RELATED}?limit=13`, 400],
    ['related limit 1e3', `${RELATED}?limit=1e3`, 400],
    ['related limit array', `${RELATED}?limit[]=2`, 400],
    ['related limit object', `${RELATED}?limit[$gt]=2`, 400],
    ['related limit twice', `${RELATED}?limit=2&limit=3`, 400],
    ['related limit SQL', `${RELATED}?limit=${encodeURIComponent('1; DROP TABLE movie_reviews')}`, 400],
    ['related unknown parameter', `${RELATED}?populate=*`, 400],
    ['related status', `${RELATED}?status=draft`, 400],
    ['related filters', `${RELATED}?filters[publishedAt][$null]=true`, 400],
    ['related __proto__', `${RELATED}?__proto__[polluted]=yes`, 200],
    ['related draft slug', `${API}/reviews/DRAFT_SLUG/related`, 404],
    ['related SQL slug', `${API}/reviews/${encodeURIComponent("' OR '1'='1")}/related`, 404],
    ['related long slug', `${API}/reviews/${'a'.repeat(5000)}/related`, 404],
    ['related NUL slug', `${API}/reviews/her%00/related`, 404],
  ];
  return rows.map(([label, path, status]) => ({ name: `GET ${label}`, method: 'GET' as const, path, status }));
};

/**
 * POST /reviews/:slug/comments/:documentId/report. COMMENT_ID is a pending comment:
 * a valid report of it is a 404 (not visible), and the body is checked before the
 * comment is looked up, so bad bodies are 400s. Nothing is ever stored by these rows.
 */
const reportCases = (): HttpCase[] => {
  const REPORT = `${COMMENTS}/COMMENT_ID/report`;
  const cases: HttpCase[] = [];
  const post = (name: string, body: unknown, status: number, path = REPORT): HttpCase => ({
    name: `POST report ${name}`,
    method: 'POST',
    path,
    body,
    status,
  });
  for (const key of ['ipHash', 'ip', 'commentDocumentId', 'moderationStatus', 'hiddenByReports', 'status', 'id']) {
    cases.push(post(`mass assignment ${key}`, { reason: 'spam', [key]: 'x' }, 400));
  }
  for (const value of [123, true, [], {}, ['spam'], { $ne: null }, null, '', 'SPAM', 'spam ', 'offtopic']) {
    cases.push(post(`reason ${JSON.stringify(value)}`, { reason: value }, 400));
  }
  for (const value of [5, true, ['x'], { $gt: '' }]) {
    cases.push(post(`note ${JSON.stringify(value)}`, { reason: 'other', note: value }, 400));
  }
  for (const [label, text] of BAD_UNICODE) cases.push(post(`note ${label}`, { reason: 'other', note: text }, 400));
  cases.push(post('note 501 characters', { reason: 'other', note: 'n'.repeat(501) }, 400));
  cases.push(post('no reason', { note: 'why' }, 400));
  cases.push(post('array body', [{ reason: 'spam' }], 400));
  cases.push(post('__proto__ key', JSON.parse('{"reason":"spam","__proto__":{"polluted":"yes"}}'), 400));
  // Valid bodies on comments the public cannot see, or that do not exist: 404 and nothing stored.
  for (const html of HTML_PAYLOADS.slice(0, 3))
    cases.push(post(`pending comment, note ${html.slice(0, 20)}`, { reason: 'other', note: html }, 404));
  cases.push(post('draft review', { reason: 'spam' }, 404, `${API}/reviews/DRAFT_SLUG/comments/COMMENT_ID/report`));
  for (const id of ["' OR '1'='1", '{"$ne":null}', 'x'.repeat(300), '..%2F..%2Fadmin']) {
    cases.push(
      post(`comment id ${id.slice(0, 20)}`, { reason: 'spam' }, 404, `${COMMENTS}/${encodeURIComponent(id)}/report`)
    );
  }
  cases.push(
    {
      name: 'POST report malformed JSON',
      method: 'POST',
      path: REPORT,
      raw: '{"reason": "spam"',
      status: 400,
    },
    {
      name: 'POST report form body',
      method: 'POST',
      path: REPORT,
      raw: 'reason=spam',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
    },
    {
      name: 'POST report text body',
      method: 'POST',
      path: REPORT,
      raw: 'spam',
      contentType: 'text/plain',
      status: 415,
    },
    {
      name: 'POST report with query',
      method: 'POST',
      path: `${REPORT}?reason=spam`,
      body: { reason: 'spam' },
      status: 400,
    }
  );
  return cases;
};

export const httpCases = (): HttpCase[] => [
  ...siteSettingCases(),
  ...commentBodyCases(),
  ...listQueryCases(),
  ...otherGetCases(),
  ...relatedCases(),
  ...reportCases(),
  ...adminCases(),
  ...songCases(),
];

// ---------------------------------------------------------------- GraphQL

const MUTATION = `mutation($slug: String!, $data: MovieReviewCommentInput!) {
  createMovieReviewComment(slug: $slug, data: $data) { documentId authorName content status }
}`;

const nestedReplies = (depth: number) => {
  let inner = 'documentId';
  for (let i = 0; i < depth; i += 1) inner = `documentId replies { ${inner} }`;
  return `{ movieReviewComments(slug: "${SLUG}") { data { ${inner} } } }`;
};

export const graphqlCases = (): GraphqlCase[] => {
  const cases: GraphqlCase[] = [];
  // Private fields are not in the schema: asking for them is a validation error.
  for (const field of [
    'authorEmail',
    'ip',
    'userAgent',
    'status',
    'reviewDocumentId',
    'parentDocumentId',
    'moderatedAt',
  ]) {
    cases.push({
      name: `GraphQL comment field ${field}`,
      query: `{ movieReviewComments(slug: "${SLUG}") { data { ${field} } } }`,
      status: 400,
      errors: true,
    });
  }
  for (const field of ['publishedAt_draft', 'status', 'createdBy', 'updatedBy']) {
    cases.push({
      name: `GraphQL review field ${field}`,
      query: `{ movieReview(slug: "${SLUG}") { ${field} } }`,
      status: 400,
      errors: true,
    });
  }
  // Shadow CRUD of the plugin's types is not exposed.
  for (const q of [
    '{ comments { documentId } }',
    '{ comment(documentId: "x") { documentId } }',
    '{ movieReviews_connection { nodes { documentId } } }',
  ]) {
    cases.push({ name: `GraphQL shadow CRUD ${q.slice(2, 30)}`, query: q, status: 400, errors: true });
  }
  cases.push(
    {
      name: 'GraphQL shadow CRUD deleteComment',
      query: 'mutation { deleteComment(documentId: "x") { documentId } }',
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL shadow CRUD updateMovieReview',
      query: 'mutation { updateMovieReview(documentId: "x", data: {title: "x"}) { documentId } }',
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL drafts via status arg',
      query: `{ movieReview(slug: "${SLUG}", status: DRAFT) { title } }`,
      status: 400,
      errors: true,
    }
  );
  // Depth, aliases, batches.
  cases.push(
    { name: 'GraphQL depth 8 ok', query: nestedReplies(4), status: 200 },
    { name: 'GraphQL depth 15', query: nestedReplies(12), status: 400, errors: true },
    { name: 'GraphQL depth 60', query: nestedReplies(60), status: 400, errors: true },
    { name: 'GraphQL depth 500', query: nestedReplies(500), status: 400, errors: true },
    {
      name: 'GraphQL 500 aliases',
      query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: movieReviews(pagination: {pageSize: 100}) { data { title } }`).join(' ')} }`,
      status: 200,
      errors: true,
    },
    {
      name: 'GraphQL 30 aliases of detail',
      query: `{ ${Array.from({ length: 30 }, (_, i) => `d${i}: movieReview(slug: "${SLUG}") { title }`).join(' ')} }`,
      status: 200,
      errors: true,
    },
    {
      name: 'GraphQL 10 aliases ok',
      query: `{ ${Array.from({ length: 10 }, (_, i) => `d${i}: movieReview(slug: "${SLUG}") { title }`).join(' ')} }`,
      status: 200,
    },
    {
      name: 'GraphQL 2000 fragments spread',
      query: `query { ...F } fragment F on Query { ${Array.from({ length: 2000 }, (_, i) => `b${i}: __typename`).join(' ')} }`,
      status: 200,
    },
    {
      name: 'GraphQL batch of 50',
      rawBody: Array.from({ length: 50 }, () => ({ query: '{ movieReviews { data { title } } }' })),
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL batch of mutations',
      rawBody: Array.from({ length: 10 }, () => ({ query: MUTATION, variables: { slug: SLUG, data: validComment() } })),
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL pageSize 1000',
      query: '{ movieReviews(pagination: {pageSize: 1000}) { data { title } } }',
      status: 200,
      errors: true,
    },
    {
      name: 'GraphQL page -1',
      query: '{ movieReviews(pagination: {page: -1}) { data { title } } }',
      status: 200,
      errors: true,
    },
    {
      name: 'GraphQL q too long',
      query: `{ movieReviews(q: "${'a'.repeat(200)}") { data { title } } }`,
      status: 200,
      errors: true,
    },
    { name: 'GraphQL q SQL', query: `{ movieReviews(q: "' OR 1=1 --") { data { title } } }`, status: 200 },
    {
      name: 'GraphQL sort injection',
      query: '{ movieReviews(sort: ["authorEmail:asc"]) { data { title } } }',
      status: 200,
      errors: true,
    },
    {
      name: 'GraphQL filter unknown field',
      query: '{ movieReviews(filters: {authorEmail: {eq: "x"}}) { data { title } } }',
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL filter wrong type',
      query: '{ movieReviews(filters: {movie: {year: {eq: "x"}}}) { data { title } } }',
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL mutation over GET',
      get: true,
      query: `mutation { createMovieReviewComment(slug: "${SLUG}", data: {authorName: "a", authorEmail: "a@example.org", content: "c"}) { documentId } }`,
      status: 400,
      errors: true,
    },
    { name: 'GraphQL empty query', query: '', status: 400, errors: true },
    { name: 'GraphQL syntax error', query: '{ movieReviews { ', status: 400, errors: true },
    { name: 'GraphQL query not a string', rawBody: { query: { $ne: null } }, status: 400, errors: true },
    {
      name: 'GraphQL variables not an object',
      rawBody: { query: '{ __typename }', variables: [1, 2] },
      status: 400,
      errors: true,
    }
  );
  // Strapi's JSON body parser refuses "__proto__" keys outright (400 in Strapi's shape, not a GraphQL error).
  cases.push({
    name: 'GraphQL __proto__ variables',
    rawBody: JSON.parse(
      `{"query":${JSON.stringify(MUTATION)},"variables":{"slug":"${SLUG}","data":{"__proto__":{"polluted":"yes"},"authorName":"a","authorEmail":"a@example.org","content":"c"}}}`
    ),
    status: 400,
  });
  cases.push({
    name: 'GraphQL constructor.prototype variables',
    errors: true,
    rawBody: {
      query: MUTATION,
      variables: {
        slug: SLUG,
        data: {
          constructor: { prototype: { polluted: 'yes' } },
          authorName: 'a',
          authorEmail: 'a@example.org',
          content: 'c',
        },
      },
    },
    status: 400,
  });
  // Related reviews and reader reports.
  const REPORT_MUTATION = `mutation($slug: String!, $id: ID!, $reason: String!, $note: String) {
  reportMovieReviewComment(slug: $slug, documentId: $id, reason: $reason, note: $note) { comment reported }
}`;
  for (const [label, variables] of [
    ['bad reason', { slug: SLUG, id: 'COMMENT_ID', reason: 'boring' }],
    ['note too long', { slug: SLUG, id: 'COMMENT_ID', reason: 'other', note: 'n'.repeat(501) }],
    ['note NUL', { slug: SLUG, id: 'COMMENT_ID', reason: 'other', note: 'a\u0000b' }],
    ['pending comment', { slug: SLUG, id: 'COMMENT_ID', reason: 'spam' }],
    ['unknown comment', { slug: SLUG, id: 'nosuchcomment', reason: 'spam' }],
    ['draft review', { slug: 'DRAFT_SLUG', id: 'COMMENT_ID', reason: 'spam' }],
  ] as Array<[string, Record<string, unknown>]>) {
    cases.push({ name: `GraphQL report ${label}`, query: REPORT_MUTATION, variables, status: 200, errors: true });
  }
  cases.push(
    {
      name: 'GraphQL report reason number',
      query: REPORT_MUTATION,
      variables: { slug: SLUG, id: 'COMMENT_ID', reason: 5 },
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL related limit 0',
      query: `{ movieReview(slug: "${SLUG}") { related(limit: 0) { slug } } }`,
      status: 200,
      errors: true,
    },
    {
      name: 'GraphQL related limit 13',
      query: `{ movieReview(slug: "${SLUG}") { related(limit: 13) { slug } } }`,
      status: 200,
      errors: true,
    },
    {
      name: 'GraphQL related limit string',
      query: `{ movieReview(slug: "${SLUG}") { related(limit: "4") { slug } } }`,
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL related private field',
      query: `{ movieReview(slug: "${SLUG}") { related { slug authorEmail } } }`,
      status: 400,
      errors: true,
    },
    {
      name: 'GraphQL related ok',
      query: `{ movieReview(slug: "${SLUG}") { related(limit: 12) { slug } } }`,
      status: 200,
    },
    {
      name: 'GraphQL shadow CRUD commentReports',
      query: '{ commentReports { documentId } }',
      status: 400,
      errors: true,
    }
  );
  // Mutation inputs.
  for (const [label, data] of [
    ['extra status', validComment({ status: 'approved' })],
    ['extra ip', validComment({ ip: '1.2.3.4' })],
    ['content number', validComment({ content: 5 })],
    ['authorName null', validComment({ authorName: null })],
  ] as Array<[string, Record<string, unknown>]>) {
    cases.push({
      name: `GraphQL mutation ${label}`,
      query: MUTATION,
      variables: { slug: SLUG, data },
      status: 400,
      errors: true,
    });
  }
  for (const [label, data] of [
    ['content NUL', validComment({ content: 'a\u0000b' })],
    ['content lone surrogate', validComment({ content: 'a\uD800b' })],
    ['content 5001', validComment({ content: 'x'.repeat(5001) })],
    ['email invalid', validComment({ authorEmail: '<script>@x' })],
    ['parent unknown', validComment({ parent: 'nope' })],
  ] as Array<[string, Record<string, unknown>]>) {
    cases.push({
      name: `GraphQL mutation ${label}`,
      query: MUTATION,
      variables: { slug: SLUG, data },
      status: 200,
      errors: true,
    });
  }
  cases.push({
    name: 'GraphQL mutation on draft',
    query: MUTATION,
    variables: { slug: 'DRAFT_SLUG', data: validComment() },
    status: 200,
    errors: true,
  });
  for (const html of HTML_PAYLOADS.slice(0, 4)) {
    const value = `${html} gql${n()}`;
    cases.push({
      name: `GraphQL mutation content ${html.slice(0, 30)}`,
      query: MUTATION,
      variables: { slug: SLUG, data: validComment({ content: value }) },
      status: 200,
      stores: { field: 'content', value },
    });
  }
  for (const [label, text] of ODD_UNICODE.slice(0, 3)) {
    const value = `${text} gql${n()}`;
    cases.push({
      name: `GraphQL mutation content ${label}`,
      query: MUTATION,
      variables: { slug: SLUG, data: validComment({ content: value }) },
      status: 200,
      stores: { field: 'content', value },
    });
  }
  return cases;
};
