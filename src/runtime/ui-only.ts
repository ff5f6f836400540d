/**
 * Whether this bundle carries English strings. build/build.mjs defines BD_UI_ONLY as "vi" for the
 * bundles of all-Vietnamese packages; there this is the constant false, which esbuild inlines
 * across modules (this file imports nothing, so it can), and `en: HAS_ENGLISH && '…'` leaves
 * no English text behind. Elsewhere (other bundles, tests) BD_UI_ONLY is not defined: true.
 */
declare const BD_UI_ONLY: string | undefined;

export const HAS_ENGLISH = !(typeof BD_UI_ONLY === 'string' && BD_UI_ONLY === 'vi');
