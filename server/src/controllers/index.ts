import reviews from './reviews';
import moderation from './moderation';
import adminSettings from './admin-settings';

export default { reviews, moderation, adminSettings };
