/** Length limits of the custom-field values, shared by the server rules and the admin inputs. Pure module. */
export const MAX_SYNOPSIS = 5000;
export const MAX_SOURCE = 100;
export const MAX_SOURCE_URL = 2048;
export const MAX_STILLS = 50;
export const MAX_CAPTION = 500;
export const MAX_ALT = 300;
/** Author links: how many, and how long a label and a URL may be. */
export const MAX_AUTHOR_LINKS = 10;
export const MAX_AUTHOR_LINK_LABEL = 60;
export const MAX_AUTHOR_LINK_URL = 2048;
