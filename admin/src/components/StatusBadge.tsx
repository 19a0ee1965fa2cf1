import { Badge } from '@strapi/design-system';
import type { CommentStatus } from '../api/types';
import { useT, type MessageKey } from './intl';

/**
 * Background and text per status. Each pair keeps WCAG AA contrast for the badge's small
 * bold text: the theme's warning700 on warning100 does not (about 4:1), so pending uses
 * dark text on a warmer background.
 */
const COLORS: Record<CommentStatus, { background: string; text: string }> = {
  pending: { background: 'warning200', text: 'neutral800' },
  approved: { background: 'success100', text: 'success700' },
  rejected: { background: 'danger100', text: 'danger700' },
  spam: { background: 'neutral150', text: 'neutral700' },
};

/** A comment's status as a small coloured badge. */
export const StatusBadge = ({ status }: { status: CommentStatus }) => {
  const t = useT();
  const { background, text } = COLORS[status];
  return (
    <Badge size="S" backgroundColor={background} textColor={text}>
      {t(`moderation.status.${status}` as MessageKey)}
    </Badge>
  );
};
