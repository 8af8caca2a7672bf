import type { CommandModule } from '../context.ts';
import { SparkifyError } from '../../errors.ts';

// Placeholder until its issue lands; running it says so plainly instead of pretending to work.
export const command: CommandModule = {
  summary: '(not built yet)',
  usage: 'sparkify start',
  async run() {
    throw new SparkifyError('NOT_BUILT', "'start' is not built yet");
  },
};
