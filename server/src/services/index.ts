import slug from './slug';
import settings from './settings';
import customFields from './custom-fields';

export default { slug, settings, customFields };
