/** Moodle GIFT import into the toolkit's `:::question` syntax. */
export { parseGift, unescapeGift } from './parse.js';
export type { GiftAnswer, GiftKind, GiftQuestion } from './parse.js';
export { giftToMarkdown } from './write.js';
export type { WriteOptions } from './write.js';
