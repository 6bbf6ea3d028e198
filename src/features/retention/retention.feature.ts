import type { Feature } from '../../platform/context.ts';
import { runRetention } from './retention.service.ts';

/** The daily retention job (03:30 Asia/Seoul, once across all processes). */
export const retentionFeature: Feature = {
  name: 'retention',
  jobs: (ctx) => [
    {
      name: 'retention-daily',
      cron: '30 3 * * *',
      handler: async () => {
        await runRetention(ctx.db, { retentionYears: ctx.config.retentionYears });
      },
    },
  ],
};
