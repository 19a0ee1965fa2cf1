import * as React from 'react';
import { Box, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { useAuth, useNotification } from '@strapi/strapi/admin';
import { fieldErrorsOf, useModerationActions } from '../api/hooks';
import { useApiErrorMessage } from '../api/useApiErrorMessage';
import type { ModerationComment } from '../api/types';
import { useT } from './intl';
import { MAX_COMMENT_LENGTH } from '../../../server/src/shared/comment-moderation';

interface Props {
  comment: ModerationComment | null;
  onClose: () => void;
  onReplied: () => void;
}

/** Reply as editor: an approved reply under `comment`, attributed to the signed-in admin. */
export const ReplyModal = ({ comment, onClose, onReplied }: Props) => {
  const t = useT();
  const { reply } = useModerationActions();
  const { toggleNotification } = useNotification();
  const errorMessage = useApiErrorMessage();
  const user = useAuth('ReplyModal', (state) => state.user);
  const [content, setContent] = React.useState('');
  const [error, setError] = React.useState<string | undefined>();
  const [isSaving, setIsSaving] = React.useState(false);

  React.useEffect(() => {
    setContent('');
    setError(undefined);
  }, [comment?.documentId]);

  const name = user?.username || [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.email || '';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!comment) return;
    if (!content.trim()) {
      setError(t('moderation.reply.errors.empty'));
      return;
    }
    setIsSaving(true);
    try {
      const res = await reply(comment.documentId, content);
      toggleNotification({
        type: 'success',
        message: res.meta.parentApproved ? t('moderation.reply.success.approved') : t('moderation.reply.success'),
      });
      onReplied();
      onClose();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (fields.content) setError(fields.content);
      else toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal.Root open={comment !== null} onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header closeLabel={t('moderation.reply.cancel')}>
            <Modal.Title>{t('moderation.reply.title', { name: comment?.authorName ?? '' })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {comment ? (
                <Box background="neutral100" padding={4} hasRadius>
                  <Typography variant="pi" fontWeight="bold" textColor="neutral700" tag="p">
                    {comment.authorName}
                  </Typography>
                  <Typography
                    variant="omega"
                    textColor="neutral800"
                    tag="p"
                    style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                  >
                    {comment.content}
                  </Typography>
                </Box>
              ) : null}
              <Field.Root
                name="content"
                error={error}
                hint={
                  comment?.status === 'pending'
                    ? t('moderation.reply.hint.pending', { name })
                    : t('moderation.reply.hint', { name })
                }
                required
              >
                <Field.Label>{t('moderation.reply.label')}</Field.Label>
                <Textarea
                  value={content}
                  maxLength={MAX_COMMENT_LENGTH}
                  onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
                    setContent(e.target.value);
                    setError(undefined);
                  }}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" type="button">
                {t('moderation.reply.cancel')}
              </Button>
            </Modal.Close>
            <Button type="submit" loading={isSaving}>
              {comment?.status === 'pending' ? t('moderation.reply.submit.approve') : t('moderation.reply.submit')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
