import slug from './slug';
import settings from './settings';
import moderation from './moderation';

export default { slug, settings, moderation };
