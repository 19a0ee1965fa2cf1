import * as React from 'react';
import { Page } from '@strapi/strapi/admin';

type Permissions = React.ComponentProps<typeof Page.Protect>['permissions'];

/** A plugin page only editors with `permissions` may open; the admin tells the others they lack them. */
export const protectedPage = (permissions: Permissions, View: React.ComponentType) => {
  const ProtectedPage = () => (
    <Page.Protect permissions={permissions}>
      <View />
    </Page.Protect>
  );
  return ProtectedPage;
};
