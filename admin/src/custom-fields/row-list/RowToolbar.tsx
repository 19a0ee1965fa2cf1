/**
 * The buttons at the end of a row: move up, move down (when the list can be
 * reordered) and remove, each named after its row ("Move row 2 up"). The focus
 * follows a moved row to the same button, so repeated presses keep moving it.
 */
import * as React from 'react';
import { Flex, IconButton } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Trash } from '@strapi/icons';
import type { Direction, RowListControls } from './useRowList';

interface RowToolbarProps {
  list: RowListControls;
  index: number;
  disabled?: boolean;
  /** Without them the row has only the remove button. */
  moveLabels?: Record<Direction, string>;
  removeLabel: string;
  /** The part of the neighbouring row that gets the focus after a removal; without it the focus is left alone. */
  focusAfterRemove?: string;
  direction?: 'row' | 'column';
  /** Buttons of this kind of row only, between the move buttons and remove. */
  children?: React.ReactNode;
}

export const RowToolbar = ({
  list,
  index,
  disabled,
  moveLabels,
  removeLabel,
  focusAfterRemove,
  direction = 'row',
  children,
}: RowToolbarProps) => {
  const key = list.keyAt(index);
  const moveButton = (to: Direction, label: string, atEnd: boolean) => (
    <IconButton
      ref={list.refFor(key, to)}
      label={label}
      variant="tertiary"
      disabled={disabled || atEnd}
      onClick={() => list.move(index, to, to)}
    >
      {to === 'up' ? <ArrowUp /> : <ArrowDown />}
    </IconButton>
  );
  return (
    <Flex direction={direction} gap={1} shrink={0}>
      {moveLabels && moveButton('up', moveLabels.up, index === 0)}
      {moveLabels && moveButton('down', moveLabels.down, index === list.length - 1)}
      {children}
      <IconButton
        label={removeLabel}
        variant="danger-light"
        disabled={disabled}
        onClick={() => list.remove(index, focusAfterRemove)}
      >
        <Trash />
      </IconButton>
    </Flex>
  );
};
