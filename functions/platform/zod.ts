import { config } from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini ships no messages (every issue reads "Invalid input"); the API's field
// errors and the config and policy errors show zod's English ones, as full zod does.
config(en());

/**
 * zod/mini with English messages, the one way Stoke imports zod: it tree-shakes
 * to the schemas a bundle uses, where full zod puts ~100 KB into every Lambda.
 */
export * from 'zod/mini';
