import reviews from './reviews';
import moderation from './moderation';
import adminSettings from './admin-settings';
import importJobs from './import-jobs';

export default { reviews, moderation, adminSettings, importJobs };
