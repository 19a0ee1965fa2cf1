import reviews from './reviews';
import moderation from './moderation';
import adminSettings from './admin-settings';
import preview from './preview';
import importJobs from './import-jobs';
import tagSuggestions from './tag-suggestions';
import authors from './authors';

export default { reviews, moderation, adminSettings, preview, importJobs, tagSuggestions, authors };
