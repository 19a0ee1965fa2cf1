import moderation from './moderation';
import adminSettings from './admin-settings';

export default { moderation, adminSettings };
