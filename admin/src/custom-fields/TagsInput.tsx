import { createStringListInput } from './StringListInput';
import { MAX_TAG, MAX_TAGS, TAG_PATTERN } from '../../../server/src/shared/custom-field-limits';

/** Tags: chips with suggestions of the tags already used on reviews. */
const TagsInput = createStringListInput({
  kind: 'tags',
  max: MAX_TAGS,
  maxLength: MAX_TAG,
  pattern: TAG_PATTERN,
  suggest: true,
});

export default TagsInput;
