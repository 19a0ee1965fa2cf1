import { mergeConfig, type UserConfig } from 'vite';

/**
 * The plugin is loaded from the repository root (`resolve: '..'`), which has its
 * own node_modules for building and testing. Make every shared admin library
 * resolve from this app so the admin has one React, one router, one design
 * system and one copy of Strapi's admin contexts.
 */
export default (config: UserConfig) =>
  mergeConfig(config, {
    resolve: {
      dedupe: [
        '@strapi/strapi',
        '@strapi/admin',
        '@strapi/content-manager',
        '@strapi/design-system',
        '@strapi/icons',
        'react',
        'react-dom',
        'react-intl',
        'react-router-dom',
        'react-query',
        'styled-components',
      ],
    },
  });
