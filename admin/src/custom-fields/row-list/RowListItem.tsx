/** One row of a `RowListField`: a list item framed in red while a part of it is invalid, named after its position. */
import * as React from 'react';
import { Box } from '@strapi/design-system';

interface RowListItemProps {
  /** The row's accessible name ("Cast row 2"). */
  label: string;
  invalid?: boolean;
  testId: string;
  /** Less room above and below, for rows of one line of inputs. */
  dense?: boolean;
  children: React.ReactNode;
}

export const RowListItem = ({ label, invalid, testId, dense, children }: RowListItemProps) => (
  <Box
    tag="li"
    paddingTop={dense ? 2 : 3}
    paddingBottom={dense ? 2 : 3}
    paddingLeft={3}
    paddingRight={3}
    hasRadius
    borderStyle="solid"
    borderWidth="1px"
    borderColor={invalid ? 'danger600' : 'neutral200'}
    background="neutral0"
    data-testid={testId}
    aria-label={label}
  >
    {children}
  </Box>
);
