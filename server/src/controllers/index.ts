import reviews from './reviews';
import moderation from './moderation';
import adminSettings from './admin-settings';
import preview from './preview';

export default { reviews, moderation, adminSettings, preview };
