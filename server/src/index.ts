import register from './register';
import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import services from './services';

export default {
  register,
  bootstrap,
  config,
  contentTypes,
  services,
  controllers: {},
  routes: {},
  policies: {},
  middlewares: {},
};
