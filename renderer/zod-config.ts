/**
 * Turns off zod's compiled parsers before any schema exists. The page's
 * Content-Security-Policy forbids eval, and zod 4.6 otherwise probes for it with
 * new Function() (allowsEval in zod/v4/core/util.js) while building object
 * schemas, which logs a CSP violation.
 * main.tsx imports this module first, because imports run in order.
 */
import { z } from 'zod';

z.config({ jitless: true });
