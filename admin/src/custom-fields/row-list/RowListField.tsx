/**
 * The frame of an editable list of rows (cast, stills, author links): the field
 * label with the count, a help line, the rows as an ordered list (or what to do
 * when there are none), messages, the add button, then the field's hint, error
 * and the polite live region that announces each change.
 */
import * as React from 'react';
import { Box, Button, Field, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { LabelWithCount } from '../LabelWithCount';
import { withoutPath, type CustomFieldInputProps } from '../shared';
import type { RowListControls } from './useRowList';

interface AddButton {
  label: string;
  onClick: () => void;
  /** Off for a reason of this list only (no media library); a full list or a disabled field turns it off anyway. */
  unavailable?: boolean;
}

interface RowListFieldProps {
  /** The input's own props: name, label, hint, whether it is required or disabled, and the list's error. */
  field: Pick<
    CustomFieldInputProps<unknown>,
    'name' | 'label' | 'hint' | 'labelAction' | 'required' | 'disabled' | 'error'
  >;
  /** `data-movie-reviews-input`, which the accessibility checks look for. */
  kind?: string;
  count: string;
  /** Read out with the row inputs that point at `${name}-help`. */
  help?: React.ReactNode;
  /** Shown instead of the list when there are no rows. */
  empty: string;
  emptyIcon?: React.ReactNode;
  /** A problem with the list (not announced). */
  warning?: string;
  /** Why the last change did less than asked (announced). */
  notice?: string;
  add: AddButton;
  list: RowListControls;
  /** The rows, each a `RowListItem`. */
  children: React.ReactNode;
}

/** The ref is the add button's: the field label points at it, and the Content Manager focuses the field through it. */
export const RowListField = React.forwardRef<HTMLButtonElement, RowListFieldProps>(
  (
    {
      field: { name, label, hint, labelAction, required, disabled, error },
      kind,
      count,
      help,
      empty,
      emptyIcon,
      warning,
      notice,
      add,
      list,
      children,
    },
    ref
  ) => (
    <Field.Root
      name={name}
      id={name}
      error={withoutPath(typeof error === 'string' ? error : undefined)}
      hint={hint}
      required={required}
      data-movie-reviews-input={kind}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <LabelWithCount name={name} label={label} labelAction={labelAction} count={count} />
        {help && (
          <Typography variant="pi" textColor="neutral600" id={`${name}-help`}>
            {help}
          </Typography>
        )}

        {list.length === 0 ? (
          <Box
            padding={4}
            hasRadius
            borderStyle="dashed"
            borderWidth="1px"
            borderColor="neutral300"
            background="neutral100"
          >
            {/* With an icon (stills) the message is centred beside it. */}
            <Flex gap={2} justifyContent={emptyIcon ? 'center' : 'flex-start'}>
              {emptyIcon}
              <Typography textColor="neutral600">{empty}</Typography>
            </Flex>
          </Box>
        ) : (
          <Flex
            tag="ol"
            direction="column"
            alignItems="stretch"
            gap={2}
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
          >
            {children}
          </Flex>
        )}

        {warning && (
          <Typography variant="pi" textColor="warning600">
            {warning}
          </Typography>
        )}
        {notice && (
          <Typography variant="pi" textColor="warning600" role="status">
            {notice}
          </Typography>
        )}
        <Box>
          <Button
            ref={(el: HTMLButtonElement | null) => {
              list.addButtonRef(el);
              if (typeof ref === 'function') ref(el);
              else if (ref) ref.current = el;
            }}
            id={name}
            // The field label points here (id); the button still says what it does.
            aria-label={add.label}
            variant="secondary"
            startIcon={<Plus />}
            disabled={disabled || list.full || add.unavailable}
            onClick={add.onClick}
          >
            {add.label}
          </Button>
        </Box>
        <Field.Hint />
        <Field.Error />
        <VisuallyHidden aria-live="polite">{list.announcement}</VisuallyHidden>
      </Flex>
    </Field.Root>
  )
);
RowListField.displayName = 'RowListField';
