import slug from './slug';

export default { slug };
