import { codesFeature } from '../codes/codes.routes.ts';
import type { Feature } from '../platform/context.ts';
import { accountsFeature } from './accounts/accounts.routes.ts';

/** Every feature of the app, in registration order (accounts first: it installs the auth hooks). */
export const features: Feature[] = [accountsFeature, codesFeature];
