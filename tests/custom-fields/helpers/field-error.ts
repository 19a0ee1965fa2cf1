/**
 * A Content Manager (or admin route) answer refusing one field: 400 in Strapi's
 * error shape, no data, and the field's path among the details. With
 * `messageStartsWithPath`, the message must also begin with that path.
 */
export const expectFieldError = (
  res: { status: number; body: Record<string, unknown> },
  path: string,
  { messageStartsWithPath = false } = {}
) => {
  expect(res.status).toBe(400);
  const error = res.body.error as {
    status: number;
    name: string;
    message: string;
    details: { errors: Array<{ path: string[] }> };
  };
  expect(res.body.data).toBeNull();
  expect(error).toMatchObject({ status: 400, name: 'ValidationError' });
  if (messageStartsWithPath) expect(error.message.startsWith(path)).toBe(true);
  expect(error.details.errors.map((e) => e.path.join('.'))).toContain(path);
};
