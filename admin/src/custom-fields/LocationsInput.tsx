import { createStringListInput } from './StringListInput';
import { MAX_LOCATION, MAX_LOCATIONS } from '../../../server/src/shared/custom-field-limits';

/** Filming locations: chips of free place names. */
const LocationsInput = createStringListInput({ kind: 'locations', max: MAX_LOCATIONS, maxLength: MAX_LOCATION });

export default LocationsInput;
