import * as React from 'react';
import { Box, TextButton, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import { useT } from './intl';

const LONG = 280;

const Clamped = styled(Typography)<{ $clamp: boolean }>`
  display: block;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  ${({ $clamp }) =>
    $clamp
      ? `
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;`
      : ''}
`;

/** A comment's text: three lines at most in the table, with a toggle for long ones. */
export const CommentContent = ({ id, content }: { id: string; content: string }) => {
  const t = useT();
  const isLong = content.length > LONG || content.split('\n').length > 3;
  const [expanded, setExpanded] = React.useState(false);
  const textId = `comment-text-${id}`;
  return (
    <Box>
      <Clamped id={textId} variant="omega" textColor="neutral800" $clamp={isLong && !expanded}>
        {content}
      </Clamped>
      {isLong ? (
        <TextButton aria-controls={textId} aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('moderation.content.less') : t('moderation.content.more')}
        </TextButton>
      ) : null}
    </Box>
  );
};
