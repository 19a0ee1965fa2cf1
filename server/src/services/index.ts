import slug from './slug';
import settings from './settings';

export default { slug, settings };
