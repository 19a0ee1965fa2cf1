import reviews from './reviews';
import moderation from './moderation';
import adminSettings from './admin-settings';
import preview from './preview';
import importJobs from './import-jobs';
import tagSuggestions from './tag-suggestions';

export default { reviews, moderation, adminSettings, preview, importJobs, tagSuggestions };
