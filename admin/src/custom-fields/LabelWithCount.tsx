/** A list field's label with how full the list is beside it ("3 of 10 links"). */
import * as React from 'react';
import { Field, Flex, Typography } from '@strapi/design-system';

interface LabelWithCountProps {
  name: string;
  label: React.ReactNode;
  labelAction?: React.ReactNode;
  count: string;
}

export const LabelWithCount = ({ name, label, labelAction, count }: LabelWithCountProps) => (
  <Flex justifyContent="space-between" alignItems="center" gap={2}>
    <Field.Label action={labelAction}>{label}</Field.Label>
    <Typography variant="pi" textColor="neutral600" data-testid={`${name}-count`}>
      {count}
    </Typography>
  </Flex>
);
